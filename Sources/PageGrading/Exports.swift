#if hasFeature(Embedded)
/// The WebAssembly module's interface to the page's JavaScript (site/grader.js): memory for a request, and grading.

/// Memory for `count` bytes of a request, which `mcheck_grade` takes over.
@_expose(wasm, "mcheck_alloc")
@_cdecl("mcheck_alloc")
public func mcheckAlloc(_ count: Int32) -> UnsafeMutablePointer<UInt8> {
    UnsafeMutablePointer<UInt8>.allocate(capacity: Int(count))
}

/// Grades the request of `count` UTF-8 bytes at `bytes` (the wire form of `PageGrading.Request`) and frees it.
/// Returns the JSON result: a 4-byte little-endian length, then the UTF-8 bytes; the page frees it with `mcheck_free`.
@_expose(wasm, "mcheck_grade")
@_cdecl("mcheck_grade")
public func mcheckGrade(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int32) -> UnsafeMutablePointer<UInt8> {
    let request = String(decoding: UnsafeBufferPointer(start: bytes, count: Int(count)), as: UTF8.self)
    bytes.deallocate()
    let result = Array(PageGrading.grade(wire: request).utf8)
    let out = UnsafeMutablePointer<UInt8>.allocate(capacity: result.count + 4)
    let n = UInt32(result.count)
    for k in 0..<4 { out[k] = UInt8(truncatingIfNeeded: n >> (8 * UInt32(k))) }
    for (k, b) in result.enumerated() { out[4 + k] = b }
    return out
}

/// Frees a result of `mcheck_grade`.
@_expose(wasm, "mcheck_free")
@_cdecl("mcheck_free")
public func mcheckFree(_ pointer: UnsafeMutablePointer<UInt8>) { pointer.deallocate() }
#endif
