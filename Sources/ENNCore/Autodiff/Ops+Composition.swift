/// y = f(x) on a jet by the higher-order chain rule (`CompositionPlan`), in one fused
/// pass per term: the value block is f(x₀), and y_D = Σ coef · f^(k)(x₀) · Π x_B.
///
/// The derivative arrays f^(k)(x₀), k ≤ order + 1, are kept from the forward pass; the VJP
/// reads them:  x̄₀ += Σ_D Σ_terms ȳ_D · coef · f^(k+1) · Π x_B   (through f^(k)(x₀)),
///              x̄_B += ȳ_D · coef · f^(k) · Π_{other factors}      (for each factor).
final class CompositionOperation: TapeOperation {
    let x: Var, y: Var
    let function: ScalarFunction
    /// f^(k)(x₀) for k = 0 … order (+1 when a gradient is needed).
    var derivatives: [UnsafeMutablePointer<Double>] = []

    init(x: Var, y: Var, function: ScalarFunction) {
        self.x = x; self.y = y; self.function = function
    }

    /// Set when the fused tanh kernel handles this layout.
    var fusedPlan: FusedTanhJet.SecondOrderPlan?

    func forward(_ tape: Tape) {
        let layout = tape.layout(x)
        let m = tape.shape(x).block
        let a = tape.pointer(x), out = tape.pointer(y)
        if function == .tanh, let plan = layout.fusedTanhPlan {
            fusedPlan = plan
            FusedTanhJet.forward(plan, a: a, y: out, block: m)
            return
        }
        let order = layout.maxOrder + (tape.requiresGradient(x) ? 1 : 0)
        // f itself is written straight into the value block of y.
        derivatives = [out] + (0..<order).map { _ in tape.values.allocate(m) }
        function.derivatives(a, count: m, order: order, into: derivatives)
        let plan = layout.compositionPlan!
        for c in 1..<layout.count {
            let yc = out + c * m
            yc.initialize(repeating: 0, count: m)
            for term in plan.terms[c] {
                let factors = [UnsafePointer(derivatives[term.order])] + term.factors.map { UnsafePointer(a + $0 * m) }
                ElementwiseKernels.accumulateProduct(yc, term.coefficient, factors, count: m)
            }
        }
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y), tape.requiresGradient(x) else { return }
        let layout = tape.layout(x)
        let m = tape.shape(x).block
        if let plan = fusedPlan {
            let (gx, fresh) = tape.gradientForWriting(x)
            FusedTanhJet.backward(plan, a: tape.pointer(x), y: tape.pointer(y), gy: tape.gradient(y), ga: gx,
                                  fresh: fresh, components: layout.count, block: m)
            return
        }
        let a = tape.pointer(x), gy = tape.gradient(y), gx = tape.gradient(x)
        let d = derivatives.map { UnsafePointer($0) }
        ElementwiseKernels.accumulateProduct(gx, 1, [UnsafePointer(gy), d[1]], count: m)
        let plan = layout.compositionPlan!
        for c in 1..<layout.count {
            let gyc = UnsafePointer(gy + c * m)
            for term in plan.terms[c] {
                let factors = term.factors.map { UnsafePointer(a + $0 * m) }
                ElementwiseKernels.accumulateProduct(gx, term.coefficient, [gyc, d[term.order + 1]] + factors, count: m)
                for j in factors.indices {
                    var others = factors
                    others.remove(at: j)
                    ElementwiseKernels.accumulateProduct(gx + term.factors[j] * m, term.coefficient,
                                                         [gyc, d[term.order]] + others, count: m)
                }
            }
        }
    }
}

extension Tape {
    /// Records y = f(x) elementwise on a jet (activations and expression functions).
    public func apply(_ function: ScalarFunction, _ x: Var) -> Var {
        let (y, _) = record(shape: shape(x), layout: layout(x), requiresGradient: requiresGradient(x))
        let op = CompositionOperation(x: x, y: y, function: function)
        op.forward(self)
        operations.append(op)
        return y
    }

    public func tanh(_ x: Var) -> Var { apply(.tanh, x) }
    public func sin(_ x: Var) -> Var { apply(.sin, x) }
    public func cos(_ x: Var) -> Var { apply(.cos, x) }
    public func exp(_ x: Var) -> Var { apply(.exp, x) }
    public func log(_ x: Var) -> Var { apply(.log, x) }
    public func sqrt(_ x: Var) -> Var { apply(.sqrt, x) }
    public func abs(_ x: Var) -> Var { apply(.abs, x) }
    public func power(_ x: Var, _ n: Int) -> Var { apply(.power(n), x) }
    public func reciprocal(_ x: Var) -> Var { apply(.reciprocal, x) }
}
