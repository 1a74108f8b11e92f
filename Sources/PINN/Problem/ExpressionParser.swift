import Foundation

/// Parses expression text into an ``Expr`` tree by recursive descent.
///
/// Grammar, lowest precedence first (`^` binds tighter than unary minus and is
/// right-associative; its exponent may itself start with a minus: `2^-x`):
/// ```
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/') unary)*
/// unary   := '-' unary | power
/// power   := primary ('^' unary)?
/// primary := number | 'pi' | name | function '(' sum ')' | declared '(' sum (',' sum)* ')' | '(' sum ')'
/// ```
/// `declared` are the networks of a problem's `functions`, each with its number of arguments.
/// Names stay unresolved (``Expr/Symbol/name(_:)``); ``Expr/resolved(in:)`` checks them
/// against a problem. Errors are ``ExpressionError``s with the position of the offending token.
///
/// Trees deeper than ``maximumDepth`` are refused while they are parsed: everything that walks
/// a tree (evaluation, the tape, descriptions, even its deallocation) recurses once per level,
/// so 100 000 nested parentheses or a sum of 200 000 terms (a left-deep tree that deep) would
/// otherwise end in a stack overflow instead of an error.
public enum ExpressionParser {
    /// The deepest tree accepted: levels of nesting, operands of one chained sum or product,
    /// and their combinations (`a + b + c` is 3 deep, `-(-(x))` is 3 deep).
    public static let maximumDepth = 500

    /// Parses a whole expression; throws ``ExpressionError``. `functions`: the declared
    /// network functions by name and their number of arguments (calls to them become
    /// ``Expr/Kind/networkCall(_:_:)``).
    public static func parse(_ source: String, functions: [String: Int] = [:]) throws -> Expr {
        var parser = Parser(source: source, tokens: try ExpressionLexer.tokens(source), functions: functions)
        if parser.peek.kind == .end {
            throw ExpressionError(source: source, position: 0, message: "empty expression")
        }
        let expr = try parser.sum()
        try parser.expectEnd()
        return expr
    }
}

private struct Parser {
    let source: String
    let tokens: [ExpressionToken]
    let functions: [String: Int]
    var index = 0
    /// Depth of the tree the last grammar function returned (set by each before it returns).
    var lastDepth = 0
    /// Grammar functions active on the stack that go one level deeper (parentheses, calls,
    /// unary minus, exponents): bounds the parser's own recursion before any tree exists.
    var nesting = 0

    init(source: String, tokens: [ExpressionToken], functions: [String: Int]) {
        self.source = source
        self.tokens = tokens
        self.functions = functions
    }

    var peek: ExpressionToken { tokens[index] }

    mutating func advance() -> ExpressionToken {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func fail(_ token: ExpressionToken, _ message: String) -> ExpressionError {
        ExpressionError(source: source, position: token.range.lowerBound, message: message)
    }

    /// The error for a token that cannot continue a complete expression.
    func unexpectedAfterOperand(_ token: ExpressionToken) -> ExpressionError {
        switch token.kind {
        case .identifier, .number, .leftParen:
            let what = token.kind == .leftParen ? "'('" : "'\(source.slice(token.range))'"
            return fail(token, "missing operator before \(what) (write * for multiplication)")
        default:
            return fail(token, "unexpected \(token.quoted)")
        }
    }

    mutating func expectEnd() throws {
        if peek.kind != .end { throw unexpectedAfterOperand(peek) }
    }

    /// Refuses a tree (or a nesting) deeper than ``ExpressionParser/maximumDepth`` at `token`.
    func checkDepth(_ depth: Int, at token: ExpressionToken) throws {
        if depth > ExpressionParser.maximumDepth {
            throw fail(token, "expression nested or chained more than \(ExpressionParser.maximumDepth) levels deep "
                            + "(split it, e.g. into several residuals or parameters)")
        }
    }

    /// Runs `body` one nesting level deeper.
    mutating func nested<T>(at token: ExpressionToken, _ body: (inout Parser) throws -> T) throws -> T {
        nesting += 1
        defer { nesting -= 1 }
        try checkDepth(nesting, at: token)
        return try body(&self)
    }

    // MARK: grammar

    mutating func sum() throws -> Expr {
        var lhs = try product()
        var depth = lastDepth
        while case .op(let op) = peek.kind, op == .add || op == .subtract {
            let token = advance()
            let rhs = try product()
            depth = max(depth, lastDepth) + 1
            try checkDepth(depth, at: token)
            lhs = Expr(.binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        lastDepth = depth
        return lhs
    }

    mutating func product() throws -> Expr {
        var lhs = try unary()
        var depth = lastDepth
        while case .op(let op) = peek.kind, op == .multiply || op == .divide {
            let token = advance()
            let rhs = try unary()
            depth = max(depth, lastDepth) + 1
            try checkDepth(depth, at: token)
            lhs = Expr(.binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
        }
        lastDepth = depth
        return lhs
    }

    mutating func unary() throws -> Expr {
        if case .op(.subtract) = peek.kind {
            let minus = advance()
            let operand = try nested(at: minus) { try $0.unary() }
            lastDepth += 1
            try checkDepth(lastDepth, at: minus)
            return Expr(.negate(operand), range: minus.range.lowerBound..<operand.range.upperBound)
        }
        return try power()
    }

    mutating func power() throws -> Expr {
        let base = try primary()
        guard case .op(.power) = peek.kind else { return base }
        let baseDepth = lastDepth
        let caret = advance()
        let exponent = try nested(at: caret) { try $0.unary() }
        lastDepth = max(baseDepth, lastDepth) + 1
        try checkDepth(lastDepth, at: caret)
        return Expr(.binary(.power, base, exponent), range: base.range.lowerBound..<exponent.range.upperBound)
    }

    mutating func primary() throws -> Expr {
        let token = advance()
        switch token.kind {
        case .number(let v):
            lastDepth = 1
            return Expr(.number(v), range: token.range)
        case .identifier(let name):
            if peek.kind == .leftParen {
                if let arity = functions[name] { return try networkCall(name, token, arity: arity) }
                return try call(name, token)
            }
            lastDepth = 1
            if name == "pi" { return Expr(.pi, range: token.range) }
            if let arity = functions[name] {
                let example = (0..<arity).map { _ in "u" }.joined(separator: ", ")
                throw fail(token, "network function '\(name)' needs its argument\(arity == 1 ? "" : "s") in parentheses, e.g. \(name)(\(example))")
            }
            if Expr.Function(rawValue: name) != nil {
                throw fail(token, "function '\(name)' needs an argument in parentheses, e.g. \(name)(x)")
            }
            return Expr(.symbol(.name(name)), range: token.range)
        case .leftParen:
            let inner = try nested(at: token) { try $0.sum() }
            guard peek.kind == .rightParen else {
                if peek.kind == .end {
                    throw fail(peek, "unexpected end of expression (missing ')' for the '(' at column \(token.range.lowerBound + 1))")
                }
                throw unexpectedAfterOperand(peek)
            }
            let close = advance()
            return Expr(inner.kind, range: token.range.lowerBound..<close.range.upperBound)
        case .end:
            throw fail(token, "unexpected end of expression")
        case .op(let op) where op == .add:
            throw fail(token, "unexpected '+' (unary plus is not part of the language)")
        default:
            throw fail(token, "unexpected \(token.quoted) (expected a number, a name or '(')")
        }
    }

    mutating func call(_ name: String, _ nameToken: ExpressionToken) throws -> Expr {
        guard let function = Expr.Function(rawValue: name) else {
            let names = Expr.Function.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: name, among: names) != nil
                ? Suggestion.didYouMean(name, among: names) : "; to multiply, write \(name)*(...)"
            throw fail(nameToken, "unknown function '\(name)' (expected one of \(names.joined(separator: ", ")))\(hint)")
        }
        let open = advance()
        if peek.kind == .rightParen { throw fail(peek, "'\(name)' needs an argument") }
        let argument = try nested(at: open) { try $0.sum() }
        switch peek.kind {
        case .rightParen:
            let close = advance()
            lastDepth += 1
            try checkDepth(lastDepth, at: nameToken)
            return Expr(.call(function, argument), range: nameToken.range.lowerBound..<close.range.upperBound)
        case .comma:
            throw fail(peek, "'\(name)' takes one argument")
        case .end:
            throw fail(peek, "unexpected end of expression (missing ')' for the '(' at column \(open.range.lowerBound + 1))")
        default:
            throw unexpectedAfterOperand(peek)
        }
    }
}

extension Parser {
    /// `R(a, b, …)` for a declared network function with `arity` arguments.
    mutating func networkCall(_ name: String, _ nameToken: ExpressionToken, arity: Int) throws -> Expr {
        let open = advance()
        let expected = "'\(name)' takes \(arity) argument\(arity == 1 ? "" : "s") (its \"inputs\" in \"functions\")"
        if peek.kind == .rightParen { throw fail(peek, expected) }
        var arguments = [try nested(at: open) { try $0.sum() }]
        var depth = lastDepth
        while true {
            switch peek.kind {
            case .comma:
                let comma = advance()
                if arguments.count == arity { throw fail(comma, expected) }
                arguments.append(try nested(at: comma) { try $0.sum() })
                depth = max(depth, lastDepth)
            case .rightParen:
                let close = advance()
                if arguments.count != arity { throw fail(close, expected) }
                lastDepth = depth + 1
                try checkDepth(lastDepth, at: nameToken)
                return Expr(.networkCall(name, arguments), range: nameToken.range.lowerBound..<close.range.upperBound)
            case .end:
                throw fail(peek, "unexpected end of expression (missing ')' for the '(' at column \(open.range.lowerBound + 1))")
            default:
                throw unexpectedAfterOperand(peek)
            }
        }
    }
}

fileprivate extension String {
    /// The characters at offsets `range`.
    func slice(_ range: Range<Int>) -> String {
        let chars = Array(self)
        return String(chars[max(0, range.lowerBound)..<min(chars.count, range.upperBound)])
    }
}
