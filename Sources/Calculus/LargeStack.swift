#if hasFeature(Embedded)
/// The WebAssembly build has one thread, whose stack the linker sizes (`make wasm`: 2 MiB, enough for the parser's
/// nesting limit): `body` runs on it.
func onLargeStack<T>(bytes: Int = 64 << 20, _ body: () -> T) -> T { body() }
#else
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a new thread whose stack holds `bytes`, and waits for it: deeply nested input is read there,
/// whatever stack the caller has (a secondary thread's may be small, and a debug build's frames are large).
func onLargeStack<T>(bytes: Int = 64 << 20, _ body: () -> T) -> T {
    var result: T? = nil
    withoutActuallyEscaping({ result = body() }) { run in
        let job = StackJob(run)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, bytes)
        let context = Unmanaged.passRetained(job).toOpaque()
        let start: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { context in
            Unmanaged<StackJob>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        guard pthread_create(&thread, &attributes, start, context) == 0 else {
            Unmanaged<StackJob>.fromOpaque(context).release()
            run()  // no thread to be had: the caller's stack it is
            return
        }
        #if canImport(Darwin)
        pthread_join(thread!, nil)
        #else
        pthread_join(thread, nil)
        #endif
    }
    return result!
}

private final class StackJob {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}
#endif
