import CFuzzDriver
import Foundation
import Fuzzing

/// `mcheck-fuzz`: the fuzz targets (README.md, "Fuzzing"). Built by `make fuzz` with libFuzzer and the address
/// sanitizer it fuzzes; in a normal build it replays inputs, so a crash libFuzzer found can be run in the debugger.
let usage = """
    usage: mcheck-fuzz TARGET [libFuzzer options] [CORPUS_FOLDER | INPUT…]
           mcheck-fuzz seed OUT_FOLDER COURSE_FOLDER…   (write the seed corpus, OUT_FOLDER/TARGET/, from chapters and workbooks)
    Without libFuzzer linked in (a normal swift build), TARGET runs each INPUT file (or every file of a folder) once.
    Targets:
    """ + FuzzTarget.all.map { "\n  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0))\($0.summary)" }.joined()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// The environment variable that names the target to libFuzzer's own child runs.
let targetVariable = "MCHECK_FUZZ_TARGET"

/// The target the libFuzzer callback runs (a C function pointer captures nothing).
nonisolated(unsafe) var selected: FuzzTarget!

let runOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let broken = selected.run(bytes) {
        FileHandle.standardError.write(Data("mcheck-fuzz: \(selected.name): \(broken)\n".utf8))
        abort()
    }
    return 0
}

/// Runs each input once, without libFuzzer: files, and the files of folders.
func replay(_ paths: [String]) -> Int32 {
    var files: [String] = []
    for path in paths {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { fail("mcheck-fuzz: \(path): no such file or folder") }
        if isFolder.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
        } else {
            files.append(path)
        }
    }
    var failed = 0
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { fail("mcheck-fuzz: \(file): cannot read") }
        if let broken = selected.run(Array(data)) {
            print("\(file): \(selected.name): \(broken)")
            failed += 1
        }
    }
    print("\(selected.name): \(files.count) inputs, " + (failed == 0 ? "every invariant holds" : "\(failed) break an invariant"))
    return failed == 0 ? 0 : 1
}

var arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail(usage) }
switch arguments[1] {
case "seed":
    guard arguments.count >= 4 else { fail(usage) }
    do {
        let counts = try SeedCorpus.write(to: arguments[2], from: Array(arguments[3...]))
        for (target, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(arguments[2])/\(target): \(count) seeds") }
    } catch {
        fail("mcheck-fuzz: \(error)")
    }
case "-h", "--help", "help":
    print(usage)
default:
    // libFuzzer runs itself again for -minimize_crash, -merge and -fork, with its own argv only: the target's name
    // goes to those runs in the environment.
    let inherited = ProcessInfo.processInfo.environment[targetVariable].flatMap(FuzzTarget.named)
    if let target = FuzzTarget.named(arguments[1]) {
        selected = target
        arguments.remove(at: 1)
        setenv(targetVariable, target.name, 1)
    } else if let inherited {
        selected = inherited
    } else {
        fail("mcheck-fuzz: no target '\(arguments[1])'\n" + usage)
    }
    guard mcheck_fuzz_has_libfuzzer() != 0 else { exit(replay(Array(arguments.dropFirst()))) }
    // libFuzzer reads its own argv: the program, then what followed the target's name.
    var argc = Int32(arguments.count)
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = .allocate(capacity: arguments.count + 1)
    for (k, a) in arguments.enumerated() { argv![k] = strdup(a) }
    argv![arguments.count] = nil
    exit(mcheck_fuzz_run_driver(&argc, &argv, runOne))
}
