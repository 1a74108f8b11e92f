import Foundation
import PINN
import XCTest

/// A small valid problem file and helpers to break it one way at a time.
enum ProblemFixture {
    static let file = "problems/case.json"

    /// A valid 1-D heat problem touching most sections of the schema.
    static let base = """
        {
          "schema": 1,
          "inputs": ["x", "t"],
          "outputs": ["u"],
          "parameters": {"alpha": 0.1},
          "domain": {"x": [0, 1], "t": [0, 1]},
          "pde": {"heat": "u_t - alpha*u_xx"},
          "conditions": [
            {"name": "ic", "kind": "initial", "value": "sin(pi*x)"},
            {"name": "walls", "kind": "dirichlet", "side": ["left", "right"], "value": 0}
          ],
          "network": {"hidden": [16, 16], "activation": "tanh"},
          "points": {"interior": 100, "boundary": 10, "initial": 10},
          "weights": {"ic": 10},
          "training": [{"optimizer": "adam", "iterations": 10, "lr": 1e-3}],
          "reference": {"kind": "analytic", "fields": {"u": "exp(-alpha*pi^2*t)*sin(pi*x)"}},
          "output": {"grid": {"x": 11, "t": 11}},
          "expect": {"rel_l2": {"u": 1e-2}}
        }
        """

    /// `base` with each `(old, new)` replacement applied; a replacement that does not match
    /// is a test bug and stops the test.
    static func variant(_ replacements: [(String, String)], of text: String = base) -> String {
        var out = text
        for (old, new) in replacements {
            precondition(out.contains(old), "fixture does not contain «\(old)»")
            out = out.replacingOccurrences(of: old, with: new)
        }
        return out
    }

    static func load(_ text: String, file: String = ProblemFixture.file) throws -> Problem {
        try ProblemLoader.load(data: Data(text.utf8), file: file)
    }

    /// The `ProblemError` from loading `text`, or a test failure.
    static func error(_ text: String, file: String = ProblemFixture.file,
                      testFile: StaticString = #filePath, line: UInt = #line) -> ProblemError? {
        do {
            _ = try load(text, file: file)
            XCTFail("loading should fail", file: testFile, line: line)
        } catch let e as ProblemError {
            return e
        } catch {
            XCTFail("expected a ProblemError, got \(error)", file: testFile, line: line)
        }
        return nil
    }

    /// The shipped example problems (`problems/*.json` beside `Sources` and `Tests`).
    static var problemsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("problems")
    }
}
