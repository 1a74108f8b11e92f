import Foundation

/// A named, parsed and resolved expression: a residual, a condition value, a transform or an
/// analytic reference field.
public struct NamedExpression: Equatable, Sendable {
    /// Residual name, or the output the expression is for.
    public var name: String
    /// The text as written in the file.
    public var source: String
    /// The resolved tree.
    public var expression: Expr
    /// Output derivatives the expression uses (residuals; empty elsewhere).
    public var derivatives: [DerivativeSymbol]

    public init(name: String, source: String, expression: Expr, derivatives: [DerivativeSymbol] = []) {
        self.name = name
        self.source = source
        self.expression = expression
        self.derivatives = derivatives
    }
}

/// A validated condition.
public struct Condition: Equatable, Sendable {
    /// What the condition imposes, and where.
    public enum Kind: Equatable, Sendable {
        /// output = value on the faces.
        case dirichlet([Face])
        /// outwardNormalSign · ∂output/∂(face input) = value on the faces.
        case neumann([Face])
        /// output = value on the initial face.
        case initial(Face)
        /// ∂output/∂t = value on the initial face.
        case initialRate(Face)
        /// The outputs and their derivatives by `input`, orders 0...derivatives, agree at the
        /// two ends of the input's interval.
        case periodic(input: String, outputs: [String], derivatives: Int)
    }

    /// The loss-term name.
    public var name: String
    public var kind: Kind
    /// Prescribed values by output (empty for periodic conditions).
    public var values: [NamedExpression]
    public var enforcement: ConditionSpec.Enforcement
    /// Collocation points for this condition.
    public var points: Int
    /// Output derivatives the condition's loss needs (Neumann: first derivatives along the
    /// face normals; initial rate: ∂/∂t; periodic: orders 1...derivatives).
    public var derivatives: [DerivativeSymbol]

    /// True when the condition is a loss term (soft), false when built into the network.
    public var isLossTerm: Bool { enforcement == .soft }

    /// The faces the condition lives on (both ends of the input for periodic conditions
    /// are not faces with names; empty then).
    public var faces: [Face] {
        switch kind {
        case .dirichlet(let f), .neumann(let f): return f
        case .initial(let f), .initialRate(let f): return [f]
        case .periodic: return []
        }
    }
}

/// A validated reference.
public enum Reference: Equatable, Sendable {
    /// Closed forms by output.
    case analytic([NamedExpression])
    case builtin(ReferenceSpec.Builtin)
    case spectral(SpectralReferenceSpec)
}
