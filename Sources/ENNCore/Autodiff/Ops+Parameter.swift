import Foundation

/// A trained scalar read from θ and broadcast over a jet: every element of the value block
/// is λ, every derivative block is zero (λ does not depend on the inputs).
///
/// λ = θ_k, or λ = exp(θ_k) for a positive parameter trained through its logarithm (the
/// optimizer then moves log λ, so λ never changes sign and steps are relative).
///
/// VJP: θ̄_k += dλ/dθ_k · Σ ȳ over the value block (dλ/dθ_k = 1, or λ for the exponential).
/// In row-Jacobian mode, row r gets dλ/dθ_k · Σ_columns ȳ[value, r, :]: point r's residual
/// depends on θ_k only through its own row, as the mode requires.
final class ParameterBroadcastOperation: TapeOperation {
    let y: Var, offset: Int, exponential: Bool

    init(y: Var, offset: Int, exponential: Bool) { self.y = y; self.offset = offset; self.exponential = exponential }

    /// λ at the tape's current θ.
    func scalar(_ tape: Tape) -> Double {
        let raw = tape.parameters[offset]
        return exponential ? Foundation.exp(raw) : raw
    }

    func forward(_ tape: Tape) {
        let s = tape.shape(y), out = tape.pointer(y)
        out.initialize(repeating: 0, count: s.count)
        out.update(repeating: scalar(tape), count: s.block)
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y) else { return }
        let s = tape.shape(y), gy = tape.gradient(y)
        let slope = exponential ? scalar(tape) : 1
        if let jacobian = tape.rowJacobian {
            for r in 0..<s.rows {
                var sum = 0.0
                for j in 0..<s.cols { sum += gy[r * s.cols + j] }
                jacobian[r * tape.parameterCount + offset] += slope * sum
            }
        } else {
            var sum = 0.0
            for i in 0..<s.block { sum += gy[i] }
            tape.parameterGradient[offset] += slope * sum
        }
    }
}

extension Tape {
    /// Records the trained scalar θ[offset] (or exp(θ[offset]) when `positive`) as a jet of
    /// `rows` × `cols` with `layout` (derivative blocks zero), to combine with other jets of
    /// that shape (`nu * u_xx` with a trained `nu`).
    public func parameterBroadcast(offset: Int, positive: Bool, rows: Int, cols: Int = 1, layout: JetLayout) -> Var {
        precondition(offset >= 0 && offset < parameterCount, "Tape.parameterBroadcast: offset \(offset) outside θ (\(parameterCount))")
        let (y, _) = record(shape: JetShape(components: layout.count, rows: rows, cols: cols), layout: layout,
                            requiresGradient: true)
        let op = ParameterBroadcastOperation(y: y, offset: offset, exponential: positive)
        op.forward(self)
        operations.append(op)
        return y
    }
}
