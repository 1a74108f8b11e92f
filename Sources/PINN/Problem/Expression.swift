import Foundation

/// A parsed expression from a problem file: a tree of numbers, symbols, operators and
/// function calls, each node carrying the character range of its source text.
///
/// The tree is built once by ``ExpressionParser`` and then walked by whoever evaluates it:
/// ``evaluate(_:)`` in plain doubles (constants, parameters, analytic references), the training
/// layer in jet arithmetic on the tape. Symbols start as ``Symbol/name(_:)`` and are resolved
/// against a problem's inputs, outputs and parameters by ``resolved(in:)``.
///
/// Named `Expr` rather than `Expression` because Foundation exports a generic `Expression`.
public struct Expr: Equatable, Sendable {
    /// The node kinds. `^` is right-associative and binds tighter than unary minus, so
    /// `-x^2` is `-(x^2)` and `a^b^c` is `a^(b^c)`.
    public indirect enum Kind: Equatable, Sendable {
        /// A numeric literal (always non-negative from the parser; `-2` is `negate(2)`).
        case number(Double)
        /// The constant π, spelled `pi` (or `π`).
        case pi
        /// A named symbol: an input, output, derivative, parameter or raw network output.
        case symbol(Symbol)
        /// Unary minus.
        case negate(Expr)
        /// A binary operation `lhs op rhs`.
        case binary(BinaryOperator, Expr, Expr)
        /// A one-argument function call `f(arg)`.
        case call(Function, Expr)
        /// A call of a network declared in `functions`, `R(u, u_x)`: trained with the
        /// solution network, so never constant.
        case networkCall(String, [Expr])
    }

    /// `+ - * / ^`.
    public enum BinaryOperator: String, CaseIterable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    }

    /// The functions of the expression language, all of one argument.
    public enum Function: String, CaseIterable, Sendable {
        case sin, cos, tan, exp, log, sqrt, tanh, abs
    }

    /// What a name in an expression stands for.
    public enum Symbol: Hashable, Sendable {
        /// Not resolved yet: the name as written.
        case name(String)
        /// An input coordinate (`x`, `t`).
        case input(String)
        /// A network output after any hard transform (`u`).
        case output(String)
        /// A partial derivative of an output (`u_xx`), in canonical input order.
        case derivative(DerivativeSymbol)
        /// A named parameter and its value.
        case parameter(String, Double)
        /// The raw network output `N_<output>` before the hard transform.
        case network(String)
        /// A parameter declared unknown: its value is learned with the network (no value here).
        case unknown(String)

        /// The symbol's name: as written for ``name(_:)``, canonical for derivatives
        /// (`u_xt` even if written `u_tx`), `N_u` for network outputs.
        public var name: String {
            switch self {
            case .name(let n), .input(let n), .output(let n), .parameter(let n, _), .unknown(let n): return n
            case .derivative(let d): return d.name
            case .network(let o): return "N_" + o
            }
        }
    }

    /// What this node is.
    public var kind: Kind
    /// Character offsets of this node in the source text (`0..<source.count` for the root
    /// of a whole expression; empty ranges for nodes built in code).
    public var range: Range<Int>

    public init(_ kind: Kind, range: Range<Int> = 0..<0) {
        self.kind = kind
        self.range = range
    }
}

extension Expr {
    /// A number node.
    public static func number(_ value: Double) -> Expr { Expr(.number(value)) }
    /// An unresolved symbol node.
    public static func name(_ name: String) -> Expr { Expr(.symbol(.name(name))) }

    /// The direct children of this node, left to right.
    public var children: [Expr] {
        switch kind {
        case .number, .pi, .symbol: return []
        case .negate(let a), .call(_, let a): return [a]
        case .binary(_, let a, let b): return [a, b]
        case .networkCall(_, let arguments): return arguments
        }
    }

    /// Calls `visit` on this node and every descendant, parents before children.
    public func forEachNode(_ visit: (Expr) throws -> Void) rethrows {
        try visit(self)
        for c in children { try c.forEachNode(visit) }
    }

    /// A copy with every symbol replaced by `transform(symbol, range)` (which may throw).
    public func mapSymbols(_ transform: (Symbol, Range<Int>) throws -> Kind) rethrows -> Expr {
        switch kind {
        case .number, .pi: return self
        case .symbol(let s): return Expr(try transform(s, range), range: range)
        case .negate(let a): return Expr(.negate(try a.mapSymbols(transform)), range: range)
        case .call(let f, let a): return Expr(.call(f, try a.mapSymbols(transform)), range: range)
        case .binary(let op, let a, let b):
            return Expr(.binary(op, try a.mapSymbols(transform), try b.mapSymbols(transform)), range: range)
        case .networkCall(let name, let arguments):
            return Expr(.networkCall(name, try arguments.map { try $0.mapSymbols(transform) }), range: range)
        }
    }
}
