import Foundation

extension Expr: CustomStringConvertible {
    /// The expression with as few parentheses as its tree needs; parsing it again gives the
    /// same tree (up to source ranges). Resolved symbols print by name (`u_xt`, `nu`).
    public var description: String { render().text }

    /// Binding strength for printing: sums 1, products 2, unary minus 3, powers 4, atoms 5.
    private var precedence: Int {
        switch kind {
        case .number(let v): return v < 0 || v.sign == .minus ? 3 : 5
        case .pi, .symbol, .call, .networkCall: return 5
        case .negate: return 3
        case .binary(let op, _, _): return op.precedence
        }
    }

    private func render() -> (text: String, precedence: Int) {
        switch kind {
        case .number(let v): return (ExpressionSource.spell(v), precedence)
        case .pi: return ("pi", 5)
        case .symbol(let s): return (s.name, 5)
        case .call(let f, let a): return ("\(f.rawValue)(\(a.render().text))", 5)
        case .networkCall(let name, let arguments):
            return ("\(name)(\(arguments.map { $0.render().text }.joined(separator: ", ")))", 5)
        case .negate(let a):
            let inner = a.render()
            return ("-" + (inner.precedence < 3 || inner.text.hasPrefix("-") ? "(\(inner.text))" : inner.text), 3)
        case .binary(let op, let a, let b):
            let l = a.render(), r = b.render(), p = op.precedence
            // Left operand: parenthesize if it binds more loosely, or equally for right-associative ^.
            let leftParens = l.precedence < p || (op == .power && l.precedence <= p)
            // Right operand: parenthesize if looser, or equally for left-associative operators;
            // the exponent of ^ may be a unary minus without parentheses (`2^-x`), elsewhere a
            // negative right operand reads better in parentheses (`a - (-b)`).
            let rightParens = op == .power ? r.precedence < 3 : (r.precedence <= p || r.precedence == 3)
            let lt = leftParens ? "(\(l.text))" : l.text
            let rt = rightParens ? "(\(r.text))" : r.text
            let spaced = op == .add || op == .subtract
            return (spaced ? "\(lt) \(op.rawValue) \(rt)" : "\(lt)\(op.rawValue)\(rt)", p)
        }
    }
}

extension Expr.BinaryOperator {
    /// 1 for `+ -`, 2 for `* /`, 4 for `^` (unary minus is 3).
    public var precedence: Int {
        switch self {
        case .add, .subtract: return 1
        case .multiply, .divide: return 2
        case .power: return 4
        }
    }
}
