/// Copies parts of a jet: one derivative component as a plain value, one feature column,
/// or several jets side by side. The VJPs scatter the gradient back to where it came from.
final class GatherOperation: TapeOperation {
    enum Kind {
        /// Component c of x as a value-only quantity.
        case component(Int)
        /// Column j of every component block.
        case column(Int)
    }

    let x: Var, y: Var, kind: Kind
    init(x: Var, y: Var, kind: Kind) { self.x = x; self.y = y; self.kind = kind }

    func forward(_ tape: Tape) { transfer(tape, from: tape.pointer(x), to: tape.pointer(y), backward: false) }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y), tape.requiresGradient(x) else { return }
        transfer(tape, from: tape.gradient(y), to: tape.gradient(x), backward: true)
    }

    private func transfer(_ tape: Tape, from src: UnsafeMutablePointer<Double>, to dst: UnsafeMutablePointer<Double>,
                          backward: Bool) {
        let xs = tape.shape(x)
        switch kind {
        case .component(let c):
            let xb = (backward ? dst : src) + c * xs.block, yb = backward ? src : dst
            if backward { for i in 0..<xs.block { xb[i] += yb[i] } } else { yb.update(from: xb, count: xs.block) }
        case .column(let j):
            for r in 0..<(xs.components * xs.rows) {
                if backward { dst[r * xs.cols + j] += src[r] } else { dst[r] = src[r * xs.cols + j] }
            }
        }
    }
}

/// y = [x₁ | x₂ | …] along the feature axis, per component block.
final class ConcatenateOperation: TapeOperation {
    let xs: [Var], y: Var
    init(xs: [Var], y: Var) { self.xs = xs; self.y = y }

    func forward(_ tape: Tape) { move(tape, backward: false) }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y) else { return }
        move(tape, backward: true)
    }

    private func move(_ tape: Tape, backward: Bool) {
        let ys = tape.shape(y)
        let out = backward ? tape.gradient(y) : tape.pointer(y)
        var offset = 0
        for x in xs {
            let s = tape.shape(x)
            defer { offset += s.cols }
            if backward && !tape.requiresGradient(x) { continue }
            let p = backward ? tape.gradient(x) : tape.pointer(x)
            for r in 0..<(s.components * s.rows) {
                let yr = out + r * ys.cols + offset, xr = p + r * s.cols
                if backward { for j in 0..<s.cols { xr[j] += yr[j] } } else { yr.update(from: xr, count: s.cols) }
            }
        }
    }
}

extension Tape {
    /// The derivative component `partial` of x as a value-only quantity (u_xx from the jet u).
    public func component(_ x: Var, _ partial: Partial) -> Var {
        guard let c = layout(x).index(of: partial) else {
            preconditionFailure("Tape.component: \(partial) is not carried by \(layout(x))")
        }
        let s = shape(x)
        let valueOnly = JetLayout.valueOnly(inputCount: layout(x).inputCount)
        let (y, _) = record(shape: JetShape(components: 1, rows: s.rows, cols: s.cols), layout: valueOnly,
                            requiresGradient: requiresGradient(x))
        let op = GatherOperation(x: x, y: y, kind: .component(c))
        op.forward(self)
        operations.append(op)
        return y
    }

    /// Feature column j of a jet (one output of a multi-output network).
    public func column(_ x: Var, _ j: Int) -> Var {
        let s = shape(x)
        precondition(j >= 0 && j < s.cols, "Tape.column: column \(j) of \(s)")
        if s.cols == 1 { return x }
        let (y, _) = record(shape: JetShape(components: s.components, rows: s.rows, cols: 1), layout: layout(x),
                            requiresGradient: requiresGradient(x))
        let op = GatherOperation(x: x, y: y, kind: .column(j))
        op.forward(self)
        operations.append(op)
        return y
    }

    /// Jets with the same layout and rows, side by side along features.
    public func concatenateColumns(_ xs: [Var]) -> Var {
        precondition(!xs.isEmpty, "Tape.concatenateColumns: no inputs")
        let first = shape(xs[0])
        for x in xs {
            precondition(shape(x).rows == first.rows && layout(x) == layout(xs[0]),
                         "Tape.concatenateColumns: \(shape(x)) does not match \(first)")
        }
        let cols = xs.reduce(0) { $0 + shape($1).cols }
        let (y, _) = record(shape: JetShape(components: first.components, rows: first.rows, cols: cols),
                            layout: layout(xs[0]), requiresGradient: xs.contains { requiresGradient($0) })
        let op = ConcatenateOperation(xs: xs, y: y)
        op.forward(self)
        operations.append(op)
        return y
    }
}
