import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `mcheck serve` as an author runs it: the command runs mcheck-serve in its place, which serves, and stops on Ctrl-C.
@Suite struct ServeCommandTests {
    /// `mcheck serve …` started in `folder`, its output going to files read while it runs.
    struct Served {
        let process = Process()
        let out: URL, err: URL

        init(_ arguments: [String], in folder: URL, executable: URL = MCheckProcess.executable) throws {
            out = folder.appendingPathComponent(".serve-stdout")
            err = folder.appendingPathComponent(".serve-stderr")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.executableURL = executable
            process.arguments = ["serve"] + arguments
            process.currentDirectoryURL = folder
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
        }

        var stdout: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

        /// The first match of `pattern` in standard output, once it is there (at most a minute) or the process ended.
        func waitFor(_ pattern: String) throws -> [String]? {
            let regex = try NSRegularExpression(pattern: pattern, options: .anchorsMatchLines)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let text = stdout
                if let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                    return (0..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
                }
                if !process.isRunning { return nil }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return nil
        }
    }

    func newCourse() throws -> URL {
        let parent = try MCheckProcess.temporaryFolder()
        let made = try MCheckProcess.run(["init", parent.appendingPathComponent("course").path])
        #expect(made.status == 0, "\(made.stderr)")
        return parent.appendingPathComponent("course")
    }

    @Test func servesTheCourseAndStopsOnCtrlC() async throws {
        let course = try newCourse()
        defer { try? FileManager.default.removeItem(at: course.deletingLastPathComponent()) }
        let served = try Served(["--port", "0"], in: course)
        defer { if served.process.isRunning { served.process.terminate() } }
        let built = try #require(try served.waitFor(#"^built 3 pages and 0 figures into (\S+)/ in "#), "\(served.stdout) \(served.stderr)")
        let site = built[1]
        let serving = try #require(try served.waitFor(#"^serving http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)$"#), "\(served.stderr)")
        let port = serving[1]

        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/01-derivatives.html")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let page = String(decoding: data, as: UTF8.self)
        #expect(page.contains("<h1 id=\"derivatives\""))
        #expect(page.contains("data-mcheck-serve"))
        // What is served carries the script; the folder it serves, as `mcheck build` writes it, does not.
        let onDisk = try String(contentsOfFile: site + "/01-derivatives.html", encoding: .utf8)
        #expect(!onDisk.contains("data-mcheck-serve"))

        // The same port again: a clear error and status 2, before any build.
        let second = try Served(["--port", port], in: course.appendingPathComponent("chapters"))
        second.process.waitUntilExit()
        #expect(second.process.terminationStatus == 2)
        #expect(second.stderr.contains("port \(port) on 127.0.0.1 is in use"))
        #expect(!second.stdout.contains("built"))

        // Ctrl-C reaches the server (it runs in mcheck's place): status 0, the temporary site removed.
        kill(served.process.processIdentifier, SIGINT)
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 0, "\(served.stderr)")
        #expect(served.stdout.hasSuffix("stopped\n"))
        #expect(!FileManager.default.fileExists(atPath: site))
    }

    @Test func keepsTheOutputFolderItWasGiven() async throws {
        let course = try newCourse()
        defer { try? FileManager.default.removeItem(at: course.deletingLastPathComponent()) }
        let served = try Served(["--port", "0", "--out", "preview"], in: course)
        defer { if served.process.isRunning { served.process.terminate() } }
        #expect(try served.waitFor(#"^serving "#) != nil, "\(served.stderr)")
        served.process.interrupt()
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent("preview/01-derivatives.html").path))
    }

    @Test func refusesAnOutputFolderThatIsNotASite() throws {
        let course = try newCourse()
        defer { try? FileManager.default.removeItem(at: course.deletingLastPathComponent()) }
        let served = try Served(["--port", "0", "--out", "exercises"], in: course)
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 2)
        #expect(served.stderr.contains("exercises: error: refusing to write the site here"))
        #expect(!served.stdout.contains("serving"))
        #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent("exercises/ch1.md").path))
    }

    @Test func saysHowToGetTheServerWhenItIsMissing() throws {
        let folder = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // mcheck alone in a folder, without mcheck-serve beside it.
        let lonely = folder.appendingPathComponent("mcheck")
        try FileManager.default.copyItem(at: MCheckProcess.executable, to: lonely)
        let served = try Served(["--port", "0"], in: folder, executable: lonely)
        served.process.waitUntilExit()
        #expect(served.process.terminationStatus == 2)
        #expect(served.stderr.contains("mcheck serve runs mcheck-serve, which is not beside \(folder.path)"))
        #expect(served.stderr.contains("swift build --product mcheck-serve"))
    }

    @Test func refusesAnEmptyOutputFolderName() throws {
        let r = try MCheckProcess.run(["serve", "--out", ""])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--out needs a folder"))
    }
}
