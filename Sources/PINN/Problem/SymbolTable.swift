import Foundation

/// The names an expression may use in one place of a problem file, and how to resolve them.
///
/// Resolution order for a name: input, output, parameter, `pi`, `N_<output>` (raw network
/// output), `<output>_<input letters>` (derivative). Validation keeps these name sets disjoint,
/// so the order only matters for messages.
public struct SymbolTable: Sendable {
    /// Kinds of symbols allowed in a context.
    public struct Allowed: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let inputs = Allowed(rawValue: 1)
        public static let outputs = Allowed(rawValue: 2)
        public static let derivatives = Allowed(rawValue: 4)
        public static let parameters = Allowed(rawValue: 8)
        public static let network = Allowed(rawValue: 16)
        /// Unknown parameters and network functions (learned with the network).
        public static let trainable = Allowed(rawValue: 32)

        /// PDE residuals: everything but raw network outputs.
        public static let residual: Allowed = [.inputs, .outputs, .derivatives, .parameters, .trainable]
        /// Condition values and analytic references: functions of position and parameters.
        public static let data: Allowed = [.inputs, .parameters]
        /// Hard-constraint output transforms: position, parameters and `N_<output>`.
        public static let transform: Allowed = [.inputs, .parameters, .network]
        /// Parameters, domain bounds, periods: constants.
        public static let constant: Allowed = [.parameters]
    }

    public var inputs: [String]
    public var outputs: [String]
    /// Parameter values by name.
    public var parameters: [String: Double]
    public var allowed: Allowed
    /// What the context is called in messages (`condition values`, `hard transforms`).
    public var context: String
    /// Highest derivative order a symbol may have.
    public var maximumDerivativeOrder: Int
    /// Parameters declared unknown (no value: the training learns them).
    public var unknowns: Set<String>
    /// Network functions (`functions` in the file) by name, with their number of arguments.
    public var functions: [String: Int]

    public init(inputs: [String], outputs: [String], parameters: [String: Double] = [:],
                allowed: Allowed, context: String, maximumDerivativeOrder: Int = 4,
                unknowns: Set<String> = [], functions: [String: Int] = [:]) {
        self.inputs = inputs
        self.outputs = outputs
        self.parameters = parameters
        self.unknowns = unknowns
        self.functions = functions
        self.allowed = allowed
        self.context = context
        self.maximumDerivativeOrder = maximumDerivativeOrder
    }

    /// What may be used here, for messages: `inputs x, t; parameters nu; pi`.
    public var allowedSummary: String {
        var parts: [String] = []
        if allowed.contains(.inputs), !inputs.isEmpty { parts.append("inputs " + inputs.joined(separator: ", ")) }
        if allowed.contains(.outputs) { parts.append("outputs " + outputs.joined(separator: ", ")) }
        if allowed.contains(.derivatives), let o = outputs.first, let i = inputs.first {
            parts.append("derivatives such as \(o)_\(i)")
        }
        if allowed.contains(.parameters), !parameters.isEmpty {
            parts.append("parameters " + parameters.keys.sorted().joined(separator: ", "))
        }
        if allowed.contains(.network) { parts.append(outputs.map { "N_" + $0 }.joined(separator: ", ")) }
        if allowed.contains(.trainable), !unknowns.isEmpty { parts.append("unknown parameters " + unknowns.sorted().joined(separator: ", ")) }
        if allowed.contains(.trainable), !functions.isEmpty { parts.append("network functions " + functions.keys.sorted().joined(separator: ", ")) }
        parts.append("pi")
        return parts.joined(separator: "; ")
    }

    /// What `name` stands for, or the message saying why it cannot be used here.
    func resolve(_ name: String) -> Result<Expr.Symbol, SymbolProblem> {
        func gate(_ symbol: Expr.Symbol, _ needed: Allowed, _ what: String) -> Result<Expr.Symbol, SymbolProblem> {
            allowed.contains(needed) ? .success(symbol)
                : .failure(.init("'\(name)' is \(what), which \(context) may not use (allowed: \(allowedSummary))"))
        }
        if inputs.contains(name) { return gate(.input(name), .inputs, "an input") }
        if outputs.contains(name) { return gate(.output(name), .outputs, "an output") }
        if let v = parameters[name] { return gate(.parameter(name, v), .parameters, "a parameter") }
        if unknowns.contains(name) { return gate(.unknown(name), .trainable, "an unknown (trained) parameter") }
        if name.hasPrefix("N_"), outputs.contains(String(name.dropFirst(2))) {
            return gate(.network(String(name.dropFirst(2))), .network, "a raw network output")
        }
        if let (output, letters) = DerivativeSymbol.split(name), outputs.contains(output) {
            if let bad = letters.first(where: { !inputs.contains($0) }) {
                return .failure(.init("'\(name)' differentiates by '\(bad)', which is not an input (inputs: \(inputs.joined(separator: ", ")))"))
            }
            if letters.count > maximumDerivativeOrder {
                return .failure(.init("'\(name)' is a derivative of order \(letters.count); the highest supported order is \(maximumDerivativeOrder)"))
            }
            let d = DerivativeSymbol(output: output, inputs: letters).canonical(order: inputs)
            return gate(.derivative(d), .derivatives, "a derivative")
        }
        var known: [String] = []
        if allowed.contains(.inputs) { known += inputs }
        if allowed.contains(.outputs) { known += outputs }
        if allowed.contains(.parameters) { known += parameters.keys.sorted() }
        if allowed.contains(.trainable) { known += unknowns.sorted() }
        if allowed.contains(.network) { known += outputs.map { "N_" + $0 } }
        known += ["pi"] + Expr.Function.allCases.map(\.rawValue)
        return .failure(.init("unknown symbol '\(name)' (\(context) may use: \(allowedSummary))\(Suggestion.didYouMean(name, among: known))"))
    }

    /// Why a name could not be resolved.
    struct SymbolProblem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}

extension Expr {
    /// A copy with every ``Symbol/name(_:)`` resolved against `table`; throws an
    /// ``ExpressionError`` (with a caret under the symbol) for an unknown or disallowed name.
    /// `source` is the text the tree was parsed from.
    public func resolved(in table: SymbolTable, source: String) throws -> Expr {
        if !table.allowed.contains(.trainable) {
            try forEachNode { node in
                guard case .networkCall(let name, _) = node.kind else { return }
                throw ExpressionError(source: source, position: node.range.lowerBound,
                                      message: "'\(name)' is a network function, which \(table.context) may not use (only PDE residuals may)")
            }
        }
        return try mapSymbols { symbol, range in
            guard case .name(let name) = symbol else { return .symbol(symbol) }
            switch table.resolve(name) {
            case .success(let resolved): return .symbol(resolved)
            case .failure(let problem):
                throw ExpressionError(source: source, position: range.lowerBound, message: problem.message)
            }
        }
    }

    /// Names of the symbols used: as written for unresolved ones, canonical for derivatives
    /// (`u_xt`), `N_u` for raw network outputs. `pi` and function names are not symbols.
    public func symbols() -> Set<String> {
        var names = Set<String>()
        forEachNode { if case .symbol(let s) = $0.kind { names.insert(s.name) } }
        return names
    }

    /// Every derivative the expression uses, each once, ordered by order, then output (in the
    /// order of `outputs`), then inputs (in the order of `inputs`): the list the autodiff layer
    /// must compute. Works on resolved and unresolved trees alike; names that are not
    /// derivatives of `outputs` by `inputs` are skipped.
    public func derivativeSymbols(outputs: [String], inputs: [String]) -> [DerivativeSymbol] {
        var found = Set<DerivativeSymbol>()
        forEachNode { node in
            guard case .symbol(let s) = node.kind else { return }
            switch s {
            case .derivative(let d): found.insert(d.canonical(order: inputs))
            case .name(let n):
                if let d = DerivativeSymbol(parsing: n, outputs: outputs, inputs: inputs) { found.insert(d) }
            default: break
            }
        }
        return DerivativeSymbol.sorted(found, outputs: outputs, inputs: inputs)
    }
}

extension DerivativeSymbol {
    /// `symbols` ordered by order, then output position in `outputs`, then input positions.
    public static func sorted<S: Sequence>(_ symbols: S, outputs: [String], inputs: [String]) -> [DerivativeSymbol]
    where S.Element == DerivativeSymbol {
        let o = Dictionary(uniqueKeysWithValues: outputs.enumerated().map { ($1, $0) })
        let i = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        return symbols.sorted { a, b in
            if a.order != b.order { return a.order < b.order }
            let (oa, ob) = (o[a.output] ?? .max, o[b.output] ?? .max)
            if oa != ob { return oa < ob }
            let ka = a.inputs.map { i[$0] ?? .max }, kb = b.inputs.map { i[$0] ?? .max }
            return ka.lexicographicallyPrecedes(kb)
        }
    }
}
