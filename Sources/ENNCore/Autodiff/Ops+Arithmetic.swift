/// y = α·a + β·b on jets of the same shape and layout (add: α = β = 1; sub: β = −1).
/// VJP: ā += α ȳ, b̄ += β ȳ.
final class LinearCombinationOperation: TapeOperation {
    let a: Var, b: Var, y: Var, alpha: Double, beta: Double
    init(a: Var, b: Var, y: Var, alpha: Double, beta: Double) {
        self.a = a; self.b = b; self.y = y; self.alpha = alpha; self.beta = beta
    }

    func forward(_ tape: Tape) {
        let n = tape.shape(y).count
        let pa = tape.pointer(a), pb = tape.pointer(b), py = tape.pointer(y)
        for i in 0..<n { py[i] = alpha * pa[i] + beta * pb[i] }
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y) else { return }
        let n = tape.shape(y).count, gy = tape.gradient(y)
        if tape.requiresGradient(a) { ElementwiseKernels.axpy(tape.gradient(a), alpha, gy, count: n) }
        if tape.requiresGradient(b) { ElementwiseKernels.axpy(tape.gradient(b), beta, gy, count: n) }
    }
}

/// y = a·b on jets by the Leibniz rule (`ProductPlan`): y_D = Σ coef · a_L · b_R.
/// VJP: ā_L += coef · ȳ_D · b_R,  b̄_R += coef · ȳ_D · a_L.
final class ProductOperation: TapeOperation {
    let a: Var, b: Var, y: Var
    init(a: Var, b: Var, y: Var) { self.a = a; self.b = b; self.y = y }

    func forward(_ tape: Tape) {
        let layout = tape.layout(y), m = tape.shape(y).block
        let pa = tape.pointer(a), pb = tape.pointer(b), py = tape.pointer(y)
        py.initialize(repeating: 0, count: layout.count * m)
        for (c, terms) in layout.productPlan.terms.enumerated() {
            for t in terms {
                ElementwiseKernels.accumulateProduct(py + c * m, t.coefficient,
                                                     [UnsafePointer(pa + t.left * m), UnsafePointer(pb + t.right * m)], count: m)
            }
        }
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y) else { return }
        let layout = tape.layout(y), m = tape.shape(y).block
        let pa = tape.pointer(a), pb = tape.pointer(b), gy = tape.gradient(y)
        let needA = tape.requiresGradient(a), needB = tape.requiresGradient(b)
        for (c, terms) in layout.productPlan.terms.enumerated() {
            let gyc = UnsafePointer(gy + c * m)
            for t in terms {
                if needA {
                    ElementwiseKernels.accumulateProduct(tape.gradient(a) + t.left * m, t.coefficient,
                                                         [gyc, UnsafePointer(pb + t.right * m)], count: m)
                }
                if needB {
                    ElementwiseKernels.accumulateProduct(tape.gradient(b) + t.right * m, t.coefficient,
                                                         [gyc, UnsafePointer(pa + t.left * m)], count: m)
                }
            }
        }
    }
}

/// y = scale·x + shift, the shift on the value block only (a constant has no derivatives).
/// VJP: x̄ += scale · ȳ.
final class AffineOperation: TapeOperation {
    let x: Var, y: Var, scale: Double, shift: Double
    init(x: Var, y: Var, scale: Double, shift: Double) { self.x = x; self.y = y; self.scale = scale; self.shift = shift }

    func forward(_ tape: Tape) {
        let s = tape.shape(y), px = tape.pointer(x), py = tape.pointer(y)
        for i in 0..<s.count { py[i] = scale * px[i] }
        for i in 0..<s.block { py[i] += shift }
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y), tape.requiresGradient(x) else { return }
        ElementwiseKernels.axpy(tape.gradient(x), scale, tape.gradient(y), count: tape.shape(y).count)
    }
}

extension Tape {
    private func checkSameKind(_ a: Var, _ b: Var, _ what: String) {
        precondition(shape(a) == shape(b), "Tape.\(what): shapes \(shape(a)) and \(shape(b)) differ")
        precondition(layout(a) == layout(b), "Tape.\(what): jet layouts \(layout(a)) and \(layout(b)) differ")
    }

    private func combine(_ a: Var, _ b: Var, _ alpha: Double, _ beta: Double, _ what: String) -> Var {
        checkSameKind(a, b, what)
        let (y, _) = record(shape: shape(a), layout: layout(a), requiresGradient: requiresGradient(a) || requiresGradient(b))
        let op = LinearCombinationOperation(a: a, b: b, y: y, alpha: alpha, beta: beta)
        op.forward(self)
        operations.append(op)
        return y
    }

    public func add(_ a: Var, _ b: Var) -> Var { combine(a, b, 1, 1, "add") }
    public func subtract(_ a: Var, _ b: Var) -> Var { combine(a, b, 1, -1, "subtract") }

    public func multiply(_ a: Var, _ b: Var) -> Var {
        checkSameKind(a, b, "multiply")
        let (y, _) = record(shape: shape(a), layout: layout(a), requiresGradient: requiresGradient(a) || requiresGradient(b))
        let op = ProductOperation(a: a, b: b, y: y)
        op.forward(self)
        operations.append(op)
        return y
    }

    /// a / b = a · (1/b), both factors differentiated as jets.
    public func divide(_ a: Var, _ b: Var) -> Var { multiply(a, reciprocal(b)) }

    /// scale·x + shift (shift on the value only).
    public func affine(_ x: Var, scale: Double, shift: Double = 0) -> Var {
        let (y, _) = record(shape: shape(x), layout: layout(x), requiresGradient: requiresGradient(x))
        let op = AffineOperation(x: x, y: y, scale: scale, shift: shift)
        op.forward(self)
        operations.append(op)
        return y
    }

    public func negate(_ x: Var) -> Var { affine(x, scale: -1) }
}
