import PINN
import XCTest

final class ExpressionParserTests: XCTestCase {
    func testPrecedenceAssociativityAndUnaryMinus() {
        let cases: [(source: String, tree: String)] = [
            ("1 + 2 * 3", "(+ 1 (* 2 3))"),
            ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
            ("1 - 2 - 3", "(- (- 1 2) 3)"),
            ("8 / 4 / 2", "(/ (/ 8 4) 2)"),
            ("a * b / c", "(/ (* a b) c)"),
            ("2^3^2", "(^ 2 (^ 3 2))"),
            ("-x^2", "(neg (^ x 2))"),
            ("(-x)^2", "(^ (neg x) 2)"),
            ("2^-x", "(^ 2 (neg x))"),
            ("2^-x^2", "(^ 2 (neg (^ x 2)))"),
            ("-a*b", "(* (neg a) b)"),
            ("a*-b", "(* a (neg b))"),
            ("a - -b", "(- a (neg b))"),
            ("--x", "(neg (neg x))"),
            ("u_t + u*u_x - nu*u_xx", "(- (+ u_t (* u u_x)) (* nu u_xx))"),
            ("a^b*c", "(* (^ a b) c)"),
            ("a*b^c", "(* a (^ b c))"),
        ]
        for c in cases {
            XCTAssertEqual(ExprTesting.parsedPrefix(c.source), c.tree, "source: \(c.source)")
        }
    }

    func testNumbersFunctionsAndPi() {
        let cases: [(source: String, tree: String)] = [
            ("1e-3*u_xx", "(* 0.001 u_xx)"),
            (".5 + 2.5E+2", "(+ 0.5 250)"),
            ("sin(pi*x)^2", "(^ (sin (* pi x)) 2)"),
            ("exp(-alpha*pi^2*t)*sin(pi*x)", "(* (exp (* (* (neg alpha) (^ pi 2)) t)) (sin (* pi x)))"),
            ("sqrt(abs(log(tanh(tan(cos(x))))))", "(sqrt (abs (log (tanh (tan (cos x))))))"),
            ("π", "pi"),
            ("  x\t+\ny  ", "(+ x y)"),
        ]
        for c in cases {
            XCTAssertEqual(ExprTesting.parsedPrefix(c.source), c.tree, "source: \(c.source)")
        }
    }

    func testSourceRanges() throws {
        let e = try ExpressionParser.parse("u_t + u*u_x")
        XCTAssertEqual(e.range, 0..<11)
        guard case .binary(.add, let lhs, let rhs) = e.kind, case .binary(.multiply, _, let ux) = rhs.kind else {
            return XCTFail("unexpected tree \(ExprTesting.prefix(e))")
        }
        XCTAssertEqual(lhs.range, 0..<3)
        XCTAssertEqual(rhs.range, 6..<11)
        XCTAssertEqual(ux.range, 8..<11)

        let grouped = try ExpressionParser.parse("(a + b)*sin(c)")
        guard case .binary(.multiply, let group, let call) = grouped.kind else { return XCTFail("unexpected tree") }
        XCTAssertEqual(group.range, 0..<7, "a parenthesised group spans its parentheses")
        XCTAssertEqual(call.range, 8..<14)
    }

    func testDescriptionReparsesToTheSameTree() throws {
        let sources = ["1 - (2 - 3)", "-x^2", "(-x)^2", "2^-x", "a/(b*c)", "(a/b)/c", "a^(b^c)", "(a^b)^c",
                       "-(a + b)", "a - -b", "exp(-alpha*pi^2*t)*sin(pi*x)", "u_t + u*u_x - 0.003*u_xx", "--x"]
        for s in sources {
            let e = try ExpressionParser.parse(s)
            let again = try ExpressionParser.parse(e.description)
            XCTAssertEqual(ExprTesting.prefix(again), ExprTesting.prefix(e), "\(s) printed as \(e.description)")
        }
        XCTAssertEqual(try ExpressionParser.parse("u_t+u*u_x-nu*u_xx").description, "u_t + u*u_x - nu*u_xx")
        XCTAssertEqual(try ExpressionParser.parse("((x))").description, "x")
    }

    func testErrorsPointAtTheOffendingCharacter() {
        let cases: [(source: String, position: Int, message: String)] = [
            ("u_t + u*u_x - nu*)u_xx", 17, "unexpected ')'"),
            ("", 0, "empty expression"),
            ("   ", 0, "empty expression"),
            ("u_t +", 5, "unexpected end of expression"),
            ("(a + b", 6, "missing ')' for the '(' at column 1"),
            ("sin(x", 5, "missing ')' for the '(' at column 4"),
            ("2x", 1, "missing operator before 'x'"),
            ("(a b)", 3, "missing operator before 'b'"),
            ("a (b)", 0, "unknown function 'a' (expected one of sin, cos, tan, exp, log, sqrt, tanh, abs); to multiply, write a*(...)"),
            ("(a)(b)", 3, "missing operator before '('"),
            ("x**2", 1, "'**' is not an operator; write ^ for powers"),
            ("sinh(x)", 0, "unknown function 'sinh' (expected one of sin, cos, tan, exp, log, sqrt, tanh, abs); did you mean 'sin'?"),
            ("f(x)", 0, "unknown function 'f'"),
            ("sin x", 0, "function 'sin' needs an argument in parentheses"),
            ("sin(x, y)", 5, "'sin' takes one argument"),
            ("sin()", 4, "'sin' needs an argument"),
            ("x $ y", 2, "unexpected character '$'"),
            ("1e+ x", 1, "the exponent needs digits"),
            ("1.2.3", 3, "a second '.'"),
            ("+x", 0, "unary plus is not part of the language"),
            ("a + )", 4, "unexpected ')'"),
            ("a * * b", 4, "unexpected '*'"),
            ("a)", 1, "unexpected ')'"),
        ]
        for c in cases {
            guard let e = ExprTesting.parseError(c.source) else { continue }
            XCTAssertEqual(e.position, c.position, "position for '\(c.source)': \(e.message)")
            XCTAssertTrue(e.message.contains(c.message), "message for '\(c.source)': expected to contain «\(c.message)», got «\(e.message)»")
        }
    }

    func testErrorRendersTheExpressionWithACaret() {
        guard let e = ExprTesting.parseError("u_t + u*u_x - nu*)u_xx") else { return }
        XCTAssertEqual(e.description, """
            unexpected ')' (expected a number, a name or '(')
              u_t + u*u_x - nu*)u_xx
                               ^
            """)
        guard let end = ExprTesting.parseError("x +") else { return }
        XCTAssertEqual(end.excerpt, "  x +\n     ^", "a caret at the end sits one past the last character")
    }

    /// Declared network functions parse as calls with their arguments (in any expression
    /// position), print back the same, and must get exactly their number of arguments.
    func testNetworkFunctionCalls() throws {
        let functions = ["R": 1, "G": 2]
        let e = try ExpressionParser.parse("u_t - u_xx - R(u) + G(u, 2*u_x)^2", functions: functions)
        XCTAssertEqual(ExprTesting.prefix(e), "(+ (- (- u_t u_xx) (R u)) (^ (G u (* 2 u_x)) 2))")
        XCTAssertEqual(e.description, "u_t - u_xx - R(u) + G(u, 2*u_x)^2")
        XCTAssertEqual(ExprTesting.prefix(try ExpressionParser.parse(e.description, functions: functions)), ExprTesting.prefix(e))
        XCTAssertFalse(e.isConstant, "a network of anything is trained, never a constant")
        XCTAssertEqual(e.symbols(), ["u_t", "u_xx", "u", "u_x"])
        let cases: [(String, Int, String)] = [
            ("R(u, v)", 3, "'R' takes 1 argument (its \"inputs\" in \"functions\")"),
            ("G(u)", 3, "'G' takes 2 arguments"),
            ("R()", 2, "'R' takes 1 argument"),
            ("G(u, v, w)", 6, "'G' takes 2 arguments"),
            ("R + 1", 0, "network function 'R' needs its argument in parentheses, e.g. R(u)"),
            ("G(u, v", 6, "missing ')' for the '(' at column 2"),
        ]
        for (source, position, message) in cases {
            do {
                _ = try ExpressionParser.parse(source, functions: functions)
                XCTFail("\(source) should not parse")
            } catch let error as ExpressionError {
                XCTAssertEqual(error.position, position, "\(source): \(error.message)")
                XCTAssertTrue(error.message.contains(message), "\(source): «\(error.message)» should contain «\(message)»")
            }
        }
        XCTAssertNotNil(ExprTesting.parseError("R(u)"), "undeclared, R is still an unknown function")
    }

    /// Hostile sizes end in an error, not a stack overflow (issue 11): deep nesting of every
    /// kind and chains long enough to make a tree that deep are refused while parsing, and the
    /// largest accepted trees still evaluate and print.
    func testDepthLimitRefusesHostileNestingAndChains() throws {
        let limit = ExpressionParser.maximumDepth
        let hostile: [(String, String)] = [
            ("100 000 nested parentheses", String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)),
            ("a sum of 200 000 terms", Array(repeating: "x", count: 200_000).joined(separator: " + ")),
            ("a product of 200 000 factors", Array(repeating: "x", count: 200_000).joined(separator: "*")),
            ("100 000 unary minuses", String(repeating: "-", count: 100_000) + "x"),
            ("100 000 chained powers", Array(repeating: "x", count: 100_000).joined(separator: "^")),
            ("100 000 nested calls", String(repeating: "sin(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)),
            ("nested network calls", String(repeating: "R(", count: 100_000) + "u" + String(repeating: ")", count: 100_000)),
            ("a chain inside a chain", "(" + Array(repeating: "x", count: limit / 2).joined(separator: "+") + ")*"
                + Array(repeating: "x", count: limit / 2 + 2).joined(separator: "*")),
        ]
        for (what, source) in hostile {
            XCTAssertThrowsError(try ExpressionParser.parse(source, functions: ["R": 1]), what) { error in
                let message = (error as? ExpressionError)?.message ?? "\(error)"
                XCTAssertTrue(message.contains("more than \(limit) levels deep"), "\(what): \(message)")
            }
        }
        // The error shows the part of a long expression around the position, not all of it.
        let long = Array(repeating: "x", count: 200_000).joined(separator: " + ")
        var excerpt = ""
        do { _ = try ExpressionParser.parse(long) } catch let e as ExpressionError { excerpt = e.excerpt }
        let lines = excerpt.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, excerpt)
        XCTAssertLessThanOrEqual(lines[0].count, 2 + ExpressionError.excerptWidth + 2, "cut to the width, with … on both sides")
        XCTAssertTrue(lines[0].hasPrefix("  …") && lines[0].hasSuffix("…"), String(lines[0]))
        XCTAssertEqual(lines[1].last, "^")
        // At the limit: accepted, evaluated and printed without trouble.
        let sum = Array(repeating: "x", count: limit).joined(separator: " + ")
        let parsed = try ExpressionParser.parse(sum)
        XCTAssertEqual(parsed.evaluate(["x": 1]), Double(limit))
        XCTAssertFalse(parsed.description.isEmpty)
        let nestedAtLimit = String(repeating: "(", count: limit - 1) + "x" + String(repeating: ")", count: limit - 1)
        XCTAssertEqual(try ExpressionParser.parse(nestedAtLimit).evaluate(["x": 2]), 2)
    }
}
