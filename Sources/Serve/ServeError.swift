/// Why `mcheck serve` cannot serve.
public enum ServeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another program listens on the port.
    case portInUse(UInt16)
    /// Listening failed for another reason (a port below 1024 without the right…).
    case cannotListen(port: UInt16, reason: String)
    /// The output folder cannot be made.
    case cannotCreateFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            "error: port \(port) on 127.0.0.1 is in use (another mcheck serve?): choose another with --port, or --port 0 for any free one"
        case .cannotListen(let port, let reason): "error: cannot listen on 127.0.0.1:\(port): \(reason)"
        case .cannotCreateFolder(let path, let reason): "\(path): error: cannot create the folder: \(reason)"
        }
    }
}
