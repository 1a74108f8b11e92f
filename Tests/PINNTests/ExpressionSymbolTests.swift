import PINN
import XCTest

final class ExpressionSymbolTests: XCTestCase {
    private let inputs = ["x", "t"]
    private let outputs = ["u", "v"]

    private func table(_ allowed: SymbolTable.Allowed, _ context: String = "PDE residuals") -> SymbolTable {
        SymbolTable(inputs: inputs, outputs: outputs, parameters: ["nu": 0.5], allowed: allowed, context: context)
    }

    private func resolve(_ source: String, _ allowed: SymbolTable.Allowed) throws -> Expr {
        try ExpressionParser.parse(source).resolved(in: table(allowed), source: source)
    }

    private func resolveError(_ source: String, _ allowed: SymbolTable.Allowed, _ context: String = "PDE residuals",
                              line: UInt = #line) -> ExpressionError? {
        do {
            _ = try ExpressionParser.parse(source).resolved(in: table(allowed, context), source: source)
            XCTFail("'\(source)' should not resolve", line: line)
        } catch let e as ExpressionError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", line: line)
        }
        return nil
    }

    func testDerivativeSymbolParsing() {
        let d = DerivativeSymbol(parsing: "u_xx", outputs: outputs, inputs: inputs)
        XCTAssertEqual(d?.output, "u")
        XCTAssertEqual(d?.inputs, ["x", "x"])
        XCTAssertEqual(d?.order, 2)
        XCTAssertEqual(d?.count(of: "x"), 2)

        let mixed = DerivativeSymbol(parsing: "v_tx", outputs: outputs, inputs: inputs)
        XCTAssertEqual(mixed?.inputs, ["x", "t"], "inputs are kept in the problem's input order")
        XCTAssertEqual(mixed?.name, "v_xt")
        XCTAssertEqual(mixed, DerivativeSymbol(parsing: "v_xt", outputs: outputs, inputs: inputs), "mixed partials commute")

        for notDerivative in ["nu", "u", "u_", "_x", "u_x1", "w_x", "u_xz", "N_u"] {
            XCTAssertNil(DerivativeSymbol(parsing: notDerivative, outputs: outputs, inputs: inputs), notDerivative)
        }
    }

    func testResolutionByKind() throws {
        let e = try resolve("u_t + u*u_x - nu*u_txx + x + v_tx", .residual)
        var symbols: [Expr.Symbol] = []
        e.forEachNode { if case .symbol(let s) = $0.kind { symbols.append(s) } }
        XCTAssertEqual(symbols, [
            .derivative(DerivativeSymbol(output: "u", inputs: ["t"])), .output("u"),
            .derivative(DerivativeSymbol(output: "u", inputs: ["x"])), .parameter("nu", 0.5),
            .derivative(DerivativeSymbol(output: "u", inputs: ["x", "x", "t"])), .input("x"),
            .derivative(DerivativeSymbol(output: "v", inputs: ["x", "t"])),
        ])
        XCTAssertEqual(e.symbols(), ["u_t", "u", "u_x", "nu", "u_xxt", "x", "v_xt"])

        let transform = try resolve("t*(1 - x^2)*N_u - sin(pi*x)", .transform)
        XCTAssertEqual(transform.symbols(), ["t", "x", "N_u"])
    }

    func testDerivativeSymbolsListsEachNeededDerivativeOnceInProblemOrder() throws {
        let source = "u_t + u*u_x - nu*u_xx + v_tx + u_x + v_t"
        let expected = ["u_x", "u_t", "v_t", "u_xx", "v_xt"]
        let unresolved = try ExpressionParser.parse(source)
        XCTAssertEqual(unresolved.derivativeSymbols(outputs: outputs, inputs: inputs).map(\.name), expected)
        let resolved = try resolve(source, .residual)
        XCTAssertEqual(resolved.derivativeSymbols(outputs: outputs, inputs: inputs).map(\.name), expected)
    }

    func testResolutionErrors() {
        let cases: [(source: String, allowed: SymbolTable.Allowed, context: String, position: Int, message: String)] = [
            ("u_t - nuu*u_xx", .residual, "PDE residuals", 6, "unknown symbol 'nuu' (PDE residuals may use: inputs x, t; outputs u, v; derivatives such as u_x; parameters nu; pi); did you mean 'nu'?"),
            ("u_t + u_xz", .residual, "PDE residuals", 6, "'u_xz' differentiates by 'z', which is not an input (inputs: x, t)"),
            ("u_xxxxx", .residual, "PDE residuals", 0, "'u_xxxxx' is a derivative of order 5; the highest supported order is 4"),
            ("w_x", .residual, "PDE residuals", 0, "unknown symbol 'w_x'"),
            ("N_u*u", .residual, "PDE residuals", 0, "'N_u' is a raw network output, which PDE residuals may not use"),
            ("sin(pi*x) + u", .data, "condition values", 12, "'u' is an output, which condition values may not use (allowed: inputs x, t; parameters nu; pi)"),
            ("2*u_x", .data, "condition values", 2, "'u_x' is a derivative, which condition values may not use"),
            ("x", .constant, "constants", 0, "'x' is an input, which constants may not use"),
        ]
        for c in cases {
            guard let e = resolveError(c.source, c.allowed, c.context) else { continue }
            XCTAssertEqual(e.position, c.position, "'\(c.source)': \(e.message)")
            XCTAssertTrue(e.message.contains(c.message), "'\(c.source)': expected «\(c.message)», got «\(e.message)»")
        }
    }

    func testUnknownSymbolErrorShowsACaret() {
        guard let e = resolveError("u_t - nuu*u_xx", .residual) else { return }
        XCTAssertEqual(e.excerpt, "  u_t - nuu*u_xx\n        ^")
    }
}
