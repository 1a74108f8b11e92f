import Foundation
import XCTest

import PINN

/// A clock the test advances by hand.
private final class FakeClock {
    var now = 1000.0
    func read() -> Double { now }
}

final class ProgressDisplayTests: XCTestCase {
    private var outputURL: URL!

    override func setUp() {
        outputURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("progress-\(getpid())-\(UUID().uuidString.prefix(8)).txt")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: outputURL) }

    /// Runs `body` with a display writing to a temporary file (emptied first), returns what it wrote.
    private func capture(stages: [(name: String, iterations: Int)] = [("adam", 100), ("lbfgs", 100)],
                         quiet: Bool = false, isTerminal: Bool, columns: Int? = nil, clock: FakeClock = FakeClock(),
                         _ body: (ProgressDisplay) -> Void) throws -> String {
        let handle = try FileHandle(forWritingTo: outputURL)
        try handle.truncate(atOffset: 0)   // a fresh capture each call
        let display = ProgressDisplay(stages: stages, termNames: ["pde", "initial", "walls"], quiet: quiet,
                                      output: handle, isTerminal: isTerminal, columns: columns, clock: clock.read)
        body(display)
        try handle.close()
        return try String(contentsOf: outputURL, encoding: .utf8)
    }

    private let terms = [3.1e-4, 2.2e-5, 1.0e-6]

    func testPlainModePrintsEveryFivePercentAndStageEdges() throws {
        let clock = FakeClock()
        let text = try capture(isTerminal: false, clock: clock) { display in
            XCTAssertEqual(display.mode, .plain)
            for i in 1...100 {
                clock.now += 0.5
                display.update(stage: 0, iteration: i, loss: 1 / Double(i), terms: terms, learningRate: 1e-3)
            }
            display.stageFinished(stage: 0, message: "loss 1.0e-02")
            for i in 1...60 {      // L-BFGS converges after 60 of 100 iterations
                clock.now += 1
                display.update(stage: 1, iteration: i, loss: 1e-3, terms: terms, learningRate: nil)
            }
            display.stageFinished(stage: 1, message: "converged")
            display.finish()
        }
        let lines = text.split(separator: "\n").map(String.init)
        let labels = lines.map { String($0.prefix(6)) }
        let expected = ["[  0%]"] + stride(from: 5, through: 50, by: 5).map { String(format: "[%3d%%]", $0) }
            + ["[ 50%]", "[ 50%]"] + stride(from: 55, through: 80, by: 5).map { String(format: "[%3d%%]", $0) }
            + ["[100%]"]
        XCTAssertEqual(labels, expected, text)
        XCTAssertEqual(lines[0], "[  0%] adam 1/2 started: 100 iterations")
        XCTAssertEqual(lines[1], "[  5%] adam 1/2 10/100 5s eta 1m35s loss 1.0e-01 lr 1.0e-03 "
                           + "pde 3.1e-04 initial 2.2e-05 walls 1.0e-06")
        XCTAssertEqual(lines[11], "[ 50%] adam 1/2 done in 50s: loss 1.0e-02")
        XCTAssertEqual(lines[12], "[ 50%] lbfgs 2/2 started: 100 iterations")
        XCTAssertTrue(lines[13].hasPrefix("[ 55%] lbfgs 2/2 10/100 1m00s eta "), lines[13])
        XCTAssertFalse(lines[13].contains(" lr "), "no learning rate for L-BFGS: \(lines[13])")
        XCTAssertEqual(lines.last, "[100%] lbfgs 2/2 done in 1m00s: converged", "finish adds nothing after it")
        XCTAssertFalse(text.contains("\r"))
    }

    func testPlainFinishReportsAnInterruptedRun() throws {
        let text = try capture(isTerminal: false) { display in
            for i in 1...37 { display.update(stage: 0, iteration: i, loss: 1, terms: terms, learningRate: 1e-3) }
            display.finish()
            display.finish()
        }
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.last?.hasPrefix("[ 18%] adam 1/2 37/100 ") == true, text)
        XCTAssertEqual(lines.count, 1 + 3 + 1, "start, 5/10/15 %, final: \(text)")
    }

    func testTerminalModeRedrawsInPlaceAtMostTenTimesASecond() throws {
        let clock = FakeClock()
        let columns = 80
        let text = try capture(isTerminal: true, columns: columns, clock: clock) { display in
            XCTAssertEqual(display.mode, .terminal)
            for i in 1...100 {
                clock.now += 0.01     // 100 updates over one second
                display.update(stage: 0, iteration: i, loss: 0.5, terms: terms, learningRate: 1e-3)
            }
            display.stageFinished(stage: 0, message: "done")
            display.finish()
        }
        let clear = "\r\u{1B}[2K"
        let draws = text.components(separatedBy: clear).count - 1
        XCTAssertLessThanOrEqual(draws, 10 + 3, "at most ~10 per second plus stage end and finish: \(draws)")
        XCTAssertGreaterThanOrEqual(draws, 10)
        for piece in text.components(separatedBy: clear).dropFirst() {
            for line in piece.split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertLessThan(line.count, columns, "no wider than the terminal: '\(line)'")
            }
        }
        XCTAssertTrue(text.contains(clear + "adam 1/2 done in 1s: done\n"), text)
        XCTAssertTrue(text.hasSuffix("\n"), "finish leaves the last status line and a newline")
        let last = text.components(separatedBy: clear).last ?? ""
        XCTAssertTrue(last.hasPrefix("[#####-----]  50% adam 1/2 100/100 1s eta 1s loss 5.0e-01"), last)
    }

    func testTerminalLineFitsNarrowAndWideTerminals() throws {
        for columns in [30, 60, 100, 200] {
            let text = try capture(isTerminal: true, columns: columns) { display in
                display.update(stage: 1, iteration: 5, loss: 0.25, terms: terms, learningRate: nil)
            }
            XCTAssertTrue(text.hasPrefix("\r\u{1B}[2K"), text)
            let line = String(text.dropFirst(5))
            XCTAssertLessThan(line.count, columns, "\(columns) columns: '\(line)'")
            XCTAssertTrue(line.contains("lbfgs 2/2"), "\(columns) columns: '\(line)'")
            if columns >= 200 {
                XCTAssertTrue(line.hasSuffix("pde 3.1e-04 initial 2.2e-05 walls 1.0e-06"), line)
            }
            if columns == 60 { XCTAssertTrue(line.hasPrefix("[#####-----]  52% lbfgs 2/2 5/100"), line) }
        }
    }

    func testNotesGoAboveTheStatusLine() throws {
        let text = try capture(isTerminal: true, columns: 100) { display in
            display.update(stage: 0, iteration: 1, loss: 1, terms: terms, learningRate: 1e-3)
            display.note("resampled 2000 points")
        }
        let pieces = text.components(separatedBy: "\r\u{1B}[2K")
        XCTAssertEqual(pieces.count, 4, text)
        XCTAssertEqual(pieces[2], "resampled 2000 points\n")
        XCTAssertTrue(pieces[3].contains("adam 1/2 1/100"), "status redrawn below: \(text)")
    }

    func testQuietWritesNothing() throws {
        let text = try capture(quiet: true, isTerminal: true) { display in
            XCTAssertEqual(display.mode, .quiet)
            display.stageStarted(stage: 0)
            for i in 1...100 { display.update(stage: 0, iteration: i, loss: 1, terms: terms, learningRate: 1e-3) }
            display.stageFinished(stage: 0, message: "x")
            display.note("note")
            display.finish()
        }
        XCTAssertEqual(text, "")
    }

    func testAPipeIsNotATerminal() {
        let pipe = Pipe()
        let display = ProgressDisplay(stages: [("adam", 10)], termNames: ["pde"], quiet: false,
                                      output: pipe.fileHandleForWriting)
        XCTAssertEqual(display.mode, .plain)
        display.update(stage: 0, iteration: 10, loss: 1, terms: [1], learningRate: 0.1)
        try? pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("[  0%] adam 1/1 started: 10 iterations\n[100%] adam 1/1 10/10 "), text)
    }

    func testUpdateIsCheapBetweenRedraws() throws {
        let handle = try FileHandle(forWritingTo: outputURL)
        defer { try? handle.close() }
        let display = ProgressDisplay(stages: [("adam", 1_000_000)], termNames: ["a", "b", "c"], quiet: false,
                                      output: handle, isTerminal: true, columns: 100)
        let terms = [1.0, 2.0, 3.0]
        let start = ProcessInfo.processInfo.systemUptime
        for i in 1...200_000 { display.update(stage: 0, iteration: i, loss: 1, terms: terms, learningRate: 1e-3) }
        let perCall = (ProcessInfo.processInfo.systemUptime - start) / 200_000
        print("ProgressDisplay.update: \(perCall * 1e9) ns per call (debug build)")
        XCTAssertLessThan(perCall, 5e-6)
    }
}

extension ProgressDisplayTests {
    func testRemainingTimeCountsEveryStage() throws {
        let clock = FakeClock()
        let text = try capture(stages: [("adam", 100), ("lbfgs", 100)], isTerminal: false, clock: clock) { display in
            for i in 1...100 {      // Adam: 1 s per iteration
                clock.now += 1
                display.update(stage: 0, iteration: i, loss: 1, terms: [], learningRate: 1e-3)
            }
            display.stageFinished(stage: 0, message: "")
            for i in 1...20 {       // L-BFGS: 4 s per iteration
                clock.now += 4
                display.update(stage: 1, iteration: i, loss: 1, terms: [], learningRate: nil)
            }
        }
        let lines = text.split(separator: "\n").map(String.init)
        // At 50 %: 100 iterations in 100 s, 100 left at the overall rate.
        XCTAssertTrue(lines.contains { $0.hasPrefix("[ 50%] adam 1/2 100/100 1m40s eta 1m40s") }, text)
        // At 60 %: L-BFGS has run 20 iterations at 4 s; its 80 left at that rate.
        XCTAssertTrue(lines.contains { $0.hasPrefix("[ 60%] lbfgs 2/2 20/100 3m00s eta 5m20s") }, text)
    }
}

extension ProgressDisplayTests {
    func testTheLatestErrorFollowsTheLoss() throws {
        let text = try capture(stages: [("adam", 10)], isTerminal: false) { display in
            display.update(stage: 0, iteration: 10, loss: 0.5, terms: [], learningRate: 1e-3, errors: [3.14e-4])
        }
        XCTAssertTrue(text.contains("[100%] adam 1/1 10/10 0s eta 0s loss 5.0e-01 err 3.1e-04 lr 1.0e-03\n"), text)
        let terminal = try capture(stages: [("adam", 10)], isTerminal: true, columns: 200) { display in
            display.update(stage: 0, iteration: 5, loss: 0.5, terms: [], learningRate: nil, errors: [2e-2])
        }
        XCTAssertTrue(terminal.hasSuffix("loss 5.0e-01 err 2.0e-02"), terminal)
        let none = try capture(stages: [("adam", 10)], isTerminal: false) { display in
            display.update(stage: 0, iteration: 10, loss: 0.5, terms: [], learningRate: nil)
        }
        XCTAssertFalse(none.contains("err"), "no reference, no error: \(none)")
    }

    func testSeveralOutputsAreNamed() throws {
        let handle = try FileHandle(forWritingTo: outputURL)
        let display = ProgressDisplay(stages: [("lbfgs", 4)], termNames: [], errorNames: ["u", "v"], quiet: false,
                                      output: handle, isTerminal: false)
        display.update(stage: 0, iteration: 4, loss: 1, terms: [], learningRate: nil, errors: [1e-3, 2e-3])
        try handle.close()
        let text = try String(contentsOf: outputURL, encoding: .utf8)
        XCTAssertTrue(text.contains(" loss 1.0e+00 err_u 1.0e-03 err_v 2.0e-03\n"), text)
    }

    /// Deviations at reference points (the cavity against Ghia) are labelled as such.
    func testMaxAbsLabel() throws {
        let handle = try FileHandle(forWritingTo: outputURL)
        let display = ProgressDisplay(stages: [("lm", 4)], termNames: [], errorNames: ["u", "v"], errorLabel: "max_abs",
                                      quiet: false, output: handle, isTerminal: false)
        display.update(stage: 0, iteration: 4, loss: 1, terms: [], learningRate: nil, errors: [1e-2, 2e-2])
        try handle.close()
        let text = try String(contentsOf: outputURL, encoding: .utf8)
        XCTAssertTrue(text.contains(" loss 1.0e+00 max_abs_u 1.0e-02 max_abs_v 2.0e-02\n"), text)
    }

    /// An inverse problem shows its unknowns as they are learned, after the error and before
    /// the learning rate and the terms (which the terminal drops first when it is narrow).
    func testUnknownParametersFollowTheError() throws {
        let handle = try FileHandle(forWritingTo: outputURL)
        let display = ProgressDisplay(stages: [("bfgs", 4)], termNames: ["burgers", "data_u"], errorNames: ["u"],
                                      parameterNames: ["l1", "l2"], quiet: false, output: handle, isTerminal: false)
        display.update(stage: 0, iteration: 4, loss: 1, terms: [0.5, 0.25], learningRate: 1e-3, errors: [1e-3],
                       parameters: [0.9995434, 0.0031832278])
        try handle.close()
        let text = try String(contentsOf: outputURL, encoding: .utf8)
        XCTAssertTrue(text.contains(" loss 1.0e+00 err 1.0e-03 l1 0.99954 l2 0.0031832 lr 1.0e-03 burgers 5.0e-01 data_u 2.5e-01\n"),
                      text)
    }
}
