import Foundation

/// One token of an expression, with its character range.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        /// `+ - * / ^`
        case op(Expr.BinaryOperator)
        case leftParen, rightParen, comma
        case end
    }

    var kind: Kind
    var range: Range<Int>

    /// How messages quote the token: `')'`, `'sin'`, `end of expression`.
    var quoted: String {
        switch kind {
        case .number: return "number"
        case .identifier(let n): return "'\(n)'"
        case .op(let o): return "'\(o.rawValue)'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .end: return "end of expression"
        }
    }
}

/// Splits expression text into tokens. Whitespace separates tokens and is otherwise ignored.
///
/// Numbers: digits with an optional fraction and exponent (`2`, `0.5`, `.5`, `1e-3`).
/// Identifiers: an ASCII letter or `_`, then letters, digits, `_`. `π` reads as `pi`.
enum ExpressionLexer {
    static func tokens(_ source: String) throws -> [ExpressionToken] {
        let chars = Array(source)
        var tokens: [ExpressionToken] = []
        var i = 0
        func fail(_ at: Int, _ message: String) -> ExpressionError {
            ExpressionError(source: source, position: at, message: message)
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if c.isASCII && (c.isNumber || c == ".") {
                i = try scanNumber(chars, from: i, source: source)
                let text = String(chars[start..<i])
                guard let v = Double(text) else { throw fail(start, "malformed number '\(text)'") }
                tokens.append(.init(kind: .number(v), range: start..<i))
                continue
            }
            if c.isASCII && (c.isLetter || c == "_") {
                while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
                tokens.append(.init(kind: .identifier(String(chars[start..<i])), range: start..<i))
                continue
            }
            i += 1
            switch c {
            case "π": tokens.append(.init(kind: .identifier("pi"), range: start..<i))
            case "(": tokens.append(.init(kind: .leftParen, range: start..<i))
            case ")": tokens.append(.init(kind: .rightParen, range: start..<i))
            case ",": tokens.append(.init(kind: .comma, range: start..<i))
            case "*" where i < chars.count && chars[i] == "*":
                throw fail(start, "'**' is not an operator; write ^ for powers")
            case "+", "-", "*", "/", "^":
                tokens.append(.init(kind: .op(Expr.BinaryOperator(rawValue: String(c))!), range: start..<i))
            default:
                throw fail(start, "unexpected character '\(c)'")
            }
        }
        tokens.append(.init(kind: .end, range: chars.count..<chars.count))
        return tokens
    }

    /// The offset just past the number starting at `start`.
    private static func scanNumber(_ chars: [Character], from start: Int, source: String) throws -> Int {
        var i = start
        func isDigit(_ j: Int) -> Bool { j < chars.count && chars[j].isASCII && chars[j].isNumber }
        var mantissaDigits = 0
        while isDigit(i) { i += 1; mantissaDigits += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            while isDigit(i) { i += 1; mantissaDigits += 1 }
        }
        if mantissaDigits == 0 {
            throw ExpressionError(source: source, position: start, message: "malformed number '.' (expected digits)")
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
            if isDigit(j) {
                while isDigit(j) { j += 1 }
                i = j
            } else {
                throw ExpressionError(source: source, position: i,
                                      message: "malformed number '\(String(chars[start..<j]))' (the exponent needs digits)")
            }
        }
        if i < chars.count, chars[i] == "." {
            throw ExpressionError(source: source, position: i, message: "malformed number (a second '.')")
        }
        return i
    }
}
