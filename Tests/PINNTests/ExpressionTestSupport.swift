import PINN
import XCTest

/// Test helpers for expressions: a prefix form that shows the tree's structure.
enum ExprTesting {
    /// `(+ 1 (* 2 3))`: the tree in prefix form, numbers without a trailing `.0`.
    static func prefix(_ e: Expr) -> String {
        switch e.kind {
        case .number(let v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        case .pi: return "pi"
        case .symbol(let s): return s.name
        case .negate(let a): return "(neg \(prefix(a)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(prefix(a)) \(prefix(b)))"
        case .call(let f, let a): return "(\(f.rawValue) \(prefix(a)))"
        case .networkCall(let name, let arguments): return "(\(name) \(arguments.map(prefix).joined(separator: " ")))"
        }
    }

    /// The prefix form of `source` parsed.
    static func parsedPrefix(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            return prefix(try ExpressionParser.parse(source))
        } catch {
            XCTFail("parse(\(source)) failed: \(error)", file: file, line: line)
            return nil
        }
    }

    /// The error from parsing `source`, or a test failure if it parses.
    static func parseError(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> ExpressionError? {
        do {
            let e = try ExpressionParser.parse(source)
            XCTFail("parse(\(source)) should fail, got \(prefix(e))", file: file, line: line)
        } catch let error as ExpressionError {
            return error
        } catch {
            XCTFail("parse(\(source)) threw a non-ExpressionError: \(error)", file: file, line: line)
        }
        return nil
    }
}
