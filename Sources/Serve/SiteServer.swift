import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP server of `mcheck serve` (FlyingFox's `HTTPServer`), on 127.0.0.1 only: the output folder's files
/// (`SiteFileHandler`) and the pages' WebSocket (`LiveReload.socketPath`, `LiveChannel`), both for requests addressed
/// to this machine only (`LoopbackOnly`).
public final class SiteServer: Sendable {
    /// The port it listens on (the one the system chose for `--port 0`).
    public let port: UInt16
    public let channel: LiveChannel
    private let server: HTTPServer
    private let task: Task<Void, Never>

    private init(port: UInt16, channel: LiveChannel, server: HTTPServer, task: Task<Void, Never>) {
        self.port = port
        self.channel = channel
        self.server = server
        self.task = task
    }

    /// Starts listening on 127.0.0.1:`port` (0: any free port) and returns once it does.
    public static func start(root: String, port: UInt16, channel: LiveChannel) async throws(ServeError) -> SiteServer {
        let address: sockaddr_in
        do { address = try .inet(ip4: "127.0.0.1", port: port) } catch {
            throw .cannotListen(port: port, reason: "\(error)")
        }
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled)
        let socket = WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: LiveSocket(channel: channel)))
        await server.appendRoute(HTTPRoute(LiveReload.socketPath), to: LoopbackOnly(handler: socket))
        await server.appendRoute("*", to: LoopbackOnly(handler: SiteFileHandler(root: root, channel: channel)))

        let outcome = StartOutcome()
        let task = Task {
            do { try await server.run() } catch { await outcome.failed(error) }
        }
        // Listening, or the error that stopped it (bind fails at once when the port is taken).
        while true {
            if await server.isListening { break }
            if let error = await outcome.error {
                if case SocketError.failed(_, let code, let message) = error {
                    throw code == EADDRINUSE ? .portInUse(port) : .cannotListen(port: port, reason: message)
                }
                throw .cannotListen(port: port, reason: "\(error)")
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        var bound = port
        if case .ip4(_, let actual)? = await server.listeningAddress { bound = actual }
        return SiteServer(port: bound, channel: channel, server: server, task: task)
    }

    /// `http://127.0.0.1:PORT/`.
    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Closes the pages' sockets, stops listening and waits (a second at most) for open requests to end.
    public func stop() async {
        await channel.closeAll()
        await server.stop(timeout: 1)
        task.cancel()
        await task.value
    }
}

/// The error `HTTPServer.run()` ended with, if it did.
private actor StartOutcome {
    var error: (any Error)?
    func failed(_ error: any Error) { self.error = error }
}
