import PINN
import XCTest

final class ExpressionEvaluationTests: XCTestCase {
    private func value(_ source: String, _ env: [String: Double] = [:]) throws -> Double {
        try ExpressionParser.parse(source).evaluate(env)
    }

    func testScalarEvaluation() throws {
        let cases: [(source: String, env: [String: Double], expected: Double)] = [
            ("1 + 2*3", [:], 7),
            ("2^3^2", [:], 512),
            ("-2^2", [:], -4),
            ("(-2)^2", [:], 4),
            ("(-2)^3", [:], -8),
            ("2^-1", [:], 0.5),
            ("8/4/2", [:], 1),
            ("0.01/pi", [:], 0.01 / Double.pi),
            ("exp(-a*pi^2*t)*sin(pi*x)", ["a": 0.1, "t": 0.5, "x": 0.25], exp(-0.1 * Double.pi * Double.pi * 0.5) * sin(Double.pi * 0.25)),
            ("sqrt(abs(-16)) + log(exp(2)) + tanh(0) + tan(0) + cos(0)", [:], 7),
            ("u_t + u*u_x", ["u_t": 1, "u": 2, "u_x": 3], 7),
        ]
        for c in cases {
            let v = try value(c.source, c.env)
            XCTAssertEqual(v, c.expected, accuracy: 1e-14 * max(1, abs(c.expected)),
                           "\(c.source): expected \(c.expected), observed \(v), error \(abs(v - c.expected)), tolerance 1e-14 relative")
        }
    }

    func testResolvedSymbolsEvaluateByCanonicalName() throws {
        let table = SymbolTable(inputs: ["x", "t"], outputs: ["u"], parameters: ["nu": 2], allowed: .residual, context: "PDE residuals")
        let e = try ExpressionParser.parse("u_tx - nu*u").resolved(in: table, source: "u_tx - nu*u")
        XCTAssertEqual(e.evaluate(["u_xt": 5, "u": 1]), 3, "derivatives are looked up by canonical name; parameters carry their value")
        XCTAssertEqual(e.evaluate(["u_xt": 5, "u": 1, "nu": 4]), 1, "env overrides a parameter's value")
    }

    func testColumnEvaluation() throws {
        let e = try ExpressionParser.parse("x^2 + c")
        let values = e.evaluate(columns: ["x": [0, 1, 2, 3], "c": [10]], count: 4)
        XCTAssertEqual(values, [10, 11, 14, 19])
    }

    func testConstantsAndFolding() throws {
        let table = SymbolTable(inputs: ["x"], outputs: ["u"], parameters: ["nu": 0.5], allowed: .residual, context: "PDE residuals")
        let source = "(0.01/pi)*u_xx + nu*2 + sin(x)"
        let e = try ExpressionParser.parse(source).resolved(in: table, source: source)
        XCTAssertFalse(e.isConstant)
        XCTAssertEqual(try ExpressionParser.parse("2*pi").constantValue, 2 * Double.pi)
        XCTAssertNil(try ExpressionParser.parse("2*x").constantValue)
        let folded = e.foldingConstants()
        XCTAssertEqual(ExprTesting.prefix(folded), "(+ (+ (* \(0.01 / Double.pi) u_xx) 1) (sin x))")
        XCTAssertEqual(folded.evaluate(["u_xx": 3, "x": 1]), e.evaluate(["u_xx": 3, "x": 1]), accuracy: 1e-15)
    }
}
