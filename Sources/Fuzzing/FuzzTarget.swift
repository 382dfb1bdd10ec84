/// One fuzz target: bytes in; nil, or the invariant the input breaks. A crash, a hang or a memory blow-up is found by
/// libFuzzer and the sanitizers; a broken invariant is reported here, and `mcheck-fuzz` aborts on it.
///
/// The targets are plain functions so that a normal build compiles them, `mcheck-fuzz TARGET FILE…` replays inputs
/// without libFuzzer, and the tests replay the committed corpus (`Fuzz/corpus/TARGET/`).
public struct FuzzTarget: Sendable {
    public let name: String
    public let summary: String
    /// Longer inputs are ignored: the fuzzer explores structure, not size (and no time limit is hit by length alone).
    public let maxBytes: Int
    let body: @Sendable ([UInt8]) -> String?

    init(_ name: String, maxBytes: Int = 64 * 1024, _ summary: String, _ body: @escaping @Sendable ([UInt8]) -> String?) {
        self.name = name
        self.summary = summary
        self.maxBytes = maxBytes
        self.body = body
    }

    /// Runs one input: nil when every invariant holds, else what broke.
    public func run(_ data: [UInt8]) -> String? {
        guard data.count <= maxBytes else { return nil }
        return body(data)
    }

    public static let all: [FuzzTarget] = [ascii, latex, calculus, mathml, markdown, grade, workbook]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
