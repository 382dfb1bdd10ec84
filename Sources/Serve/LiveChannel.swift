import FlyingFox
import Foundation

/// The open pages' WebSockets and what the server last told them: the build served and, when the last build
/// failed, its errors (a page opened then shows them at once).
public actor LiveChannel {
    /// `session-N`: this server's random session and the count of good builds, so that a page from an earlier
    /// server, or from before a build, is told apart.
    public var build: String { "\(session)-\(generation)" }
    private let session = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private var generation = 0
    private var failure: LiveMessage?
    private var pages: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    public init() {}

    /// How many pages are connected (tests, and the terminal's "reloading N pages").
    public var connected: Int { pages.count }

    /// A good build: the pages reload where it changed them (a build that changed nothing keeps the build id, and
    /// only takes the errors away).
    public func built(changed: [String]) {
        failure = nil
        if !changed.isEmpty { generation += 1 }
        broadcast(.built(build: build, changed: changed))
    }

    /// A failed build: the pages show its errors until the next good one.
    public func failed(_ message: LiveMessage) {
        failure = message
        broadcast(message)
    }

    /// A page connects: it is told the build served and, if the last build failed, its errors.
    func connect(_ continuation: AsyncStream<WSMessage>.Continuation) -> UUID {
        let id = UUID()
        pages[id] = continuation
        continuation.yield(.text(LiveMessage.hello(build: build).json))
        if let failure { continuation.yield(.text(failure.json)) }
        return id
    }

    func disconnect(_ id: UUID) {
        pages.removeValue(forKey: id)?.finish()
    }

    /// Closes every page's socket (the server is stopping; the pages will try to connect again).
    public func closeAll() {
        for continuation in pages.values {
            continuation.yield(.close(.goingAway))
            continuation.finish()
        }
        pages = [:]
    }

    private func broadcast(_ message: LiveMessage) {
        let text = WSMessage.text(message.json)
        for continuation in pages.values { continuation.yield(text) }
    }
}

/// One page's WebSocket: the channel's messages out; what the page sends is only read to notice it went away.
struct LiveSocket: WSMessageHandler {
    let channel: LiveChannel

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (messages, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = await channel.connect(continuation)
        Task {
            for await _ in client {}
            await channel.disconnect(id)
        }
        return messages
    }
}
