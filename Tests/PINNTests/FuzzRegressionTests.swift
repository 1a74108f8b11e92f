import Foundation
import PINN
import XCTest

/// The fuzzers' findings (scripts/fuzz.sh, Fuzz/*.swift) kept as regression inputs, and a
/// short fuzz run of each target when its binary has been built.
///
/// Replaying is the part that always runs: every file under Fixtures/fuzz/TARGET went
/// through the same entry point as the fuzz target and crashed, hung or ran out of memory
/// before its fix; now it must end in a typed, thrown error (or a valid result). The short
/// run needs the instrumented build, which SwiftPM cannot make inside `swift build
/// --build-tests` (its objects carry libFuzzer's coverage hooks), so it runs only when
/// `scripts/fuzz.sh TARGET build` has made `.build-fuzz/fuzz/TARGET`, and says so otherwise.
final class FuzzRegressionTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The inputs kept for `target` (sorted, so failures name the same file every time).
    private func inputs(_ target: String) throws -> [(name: String, data: Data)] {
        let dir = FuzzRegressionTests.root.appendingPathComponent("Tests/PINNTests/Fixtures/fuzz/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return try names.filter { !$0.hasPrefix(".") }.sorted().map { ($0, try Data(contentsOf: dir.appendingPathComponent($0))) }
    }

    /// JSON reader: through `decodeSpec`, whose JSON syntax errors become ProblemErrors.
    func testJSONReaderFindings() throws {
        for input in try inputs("json") {
            let start = Date()
            do { _ = try ProblemLoader.decodeSpec(data: input.data, file: "fuzz.json") } catch is ProblemError {}
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, input.name)
        }
    }

    func testProblemDecoderFindings() throws {
        for input in try inputs("problem") {
            let start = Date()
            do {
                let problem = try ProblemLoader.load(data: input.data, file: "fuzz.json")
                _ = MemoryEstimate(problem: problem, threads: 2).totalBytes
            } catch is ProblemError {}
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, input.name)
        }
    }

    func testExpressionParserFindings() throws {
        for input in try inputs("expression") {
            let start = Date()
            do {
                _ = try ExpressionParser.parse(String(decoding: input.data, as: UTF8.self), functions: ["R": 1]).description
            } catch is ExpressionError {}
            XCTAssertLessThan(Date().timeIntervalSince(start), 2, input.name)
        }
    }

    /// 10 s of each fuzz target from the shipped problems (fresh corpus, fixed seed): no crash.
    func testShortFuzzRuns() throws {
        var ran: [String] = []
        for target in ["json", "problem", "expression"] {
            let binary = FuzzRegressionTests.root.appendingPathComponent(".build-fuzz/fuzz/\(target)")
            guard FileManager.default.isExecutableFile(atPath: binary.path) else { continue }
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("pinn-fuzz-\(target)-\(getpid())")
            let corpus = work.appendingPathComponent("corpus")
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            let problems = FuzzRegressionTests.root.appendingPathComponent("problems")
            for name in try FileManager.default.contentsOfDirectory(atPath: problems.path) where name.hasSuffix(".json") {
                try FileManager.default.copyItem(at: problems.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
            }
            let process = Process()
            process.executableURL = binary
            process.currentDirectoryURL = work
            process.arguments = [corpus.path, "-max_total_time=10", "-seed=1", "-timeout=10", "-rss_limit_mb=4096",
                                 "-max_len=16384", "-artifact_prefix=\(work.path)/"]
            let text = try runCollectingStandardError(process)
            XCTAssertEqual(process.terminationStatus, 0, "fuzz target \(target) found something:\n\(text.suffix(3000))")
            ran.append(target)
        }
        if ran.isEmpty { throw XCTSkip("no fuzz binaries: build them with scripts/fuzz.sh TARGET build (json, problem, expression)") }
    }
}
