/// y = x·W + b on a jet: one GEMM for all components; the bias touches the value block only
/// (a constant has no derivatives). W is [in × out] row-major, read from θ at
/// `weightOffset` (or from `fixedWeights`, which get no gradient); b from θ at `biasOffset`.
///
/// VJP: ḡW = xᵀ·ḡy over all K·N rows, ḡb = column sums of ḡy's value block,
///      ḡx = ḡy·Wᵀ.
final class LinearOperation: TapeOperation {
    let x: Var, y: Var
    let inFeatures: Int, outFeatures: Int
    let weightOffset: Int?, biasOffset: Int?
    /// A copy of fixed weights in the tape's value arena (valid for this pass).
    let fixedWeights: UnsafeMutablePointer<Double>?

    init(x: Var, y: Var, inFeatures: Int, outFeatures: Int, weightOffset: Int?, biasOffset: Int?,
         fixedWeights: UnsafeMutablePointer<Double>?) {
        self.x = x; self.y = y; self.inFeatures = inFeatures; self.outFeatures = outFeatures
        self.weightOffset = weightOffset; self.biasOffset = biasOffset; self.fixedWeights = fixedWeights
    }

    func weights(_ tape: Tape) -> UnsafePointer<Double> {
        if let w = weightOffset { return tape.parameters + w }
        return UnsafePointer(fixedWeights!)
    }

    func forward(_ tape: Tape) {
        let xs = tape.shape(x)
        let rows = xs.components * xs.rows
        let out = tape.pointer(y)
        let w = weights(tape)
        Gemm.multiply(m: rows, n: outFeatures, k: inFeatures, a: tape.pointer(x), lda: inFeatures, transposeA: false,
                      b: w, ldb: outFeatures, c: out, ldc: outFeatures, accumulate: false)
        if let bo = biasOffset {
            ElementwiseKernels.addRow(tape.parameters + bo, to: out, rows: xs.rows, cols: outFeatures)
        }
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y) else { return }
        let gy = tape.gradient(y)
        let xs = tape.shape(x)
        let rows = xs.components * xs.rows
        if let jacobian = tape.rowJacobian {
            accumulateRowJacobian(jacobian, stride: tape.parameterCount, x: tape.pointer(x), gy: gy, shape: xs)
        } else if let wo = weightOffset {
            Gemm.multiply(m: inFeatures, n: outFeatures, k: rows, a: tape.pointer(x), lda: inFeatures, transposeA: true,
                          b: gy, ldb: outFeatures, c: tape.parameterGradient + wo, ldc: outFeatures, accumulate: true)
        }
        if let bo = biasOffset, tape.rowJacobian == nil {
            ElementwiseKernels.accumulateColumnSums(of: gy, rows: xs.rows, cols: outFeatures,
                                                    into: tape.parameterGradient + bo)
        }
        if tape.requiresGradient(x) {
            // ḡx += ḡy·Wᵀ: transpose the small W once so the product is a plain A·B.
            let w = weights(tape)
            let wt = tape.scratch.allocate(inFeatures * outFeatures)
            for i in 0..<inFeatures { for j in 0..<outFeatures { wt[j * inFeatures + i] = w[i * outFeatures + j] } }
            let (gx, fresh) = tape.gradientForWriting(x)
            Gemm.multiply(m: rows, n: inFeatures, k: outFeatures, a: gy, lda: outFeatures, transposeA: false,
                          b: wt, ldb: inFeatures, c: gx, ldc: inFeatures, accumulate: !fresh)
        }
    }

    /// Row-Jacobian mode: for each point r, J[r, W] += Σ_c x[c,r,:]ᵀ ḡy[c,r,:] (the outer
    /// products the weight-gradient GEMM would sum over points, kept per point; same flops)
    /// and J[r, b] += ḡy[value block, r, :].
    private func accumulateRowJacobian(_ jacobian: UnsafeMutablePointer<Double>, stride: Int,
                                       x: UnsafePointer<Double>, gy: UnsafePointer<Double>, shape xs: JetShape) {
        let n = xs.rows, inF = inFeatures, outF = outFeatures
        for r in 0..<n {
            let row = jacobian + r * stride
            if let wo = weightOffset {
                let w = row + wo
                for c in 0..<xs.components {
                    let xr = x + (c * n + r) * inF, gr = gy + (c * n + r) * outF
                    for i in 0..<inF {
                        let xi = xr[i]
                        if xi == 0 { continue }
                        let wi = w + i * outF
                        for j in 0..<outF { wi[j] += xi * gr[j] }
                    }
                }
            }
            if let bo = biasOffset {
                let b = row + bo, gr = gy + r * outF
                for j in 0..<outF { b[j] += gr[j] }
            }
        }
    }
}

extension Tape {
    /// Records y = x·W + b (see `LinearOperation`), W and b taken from θ.
    public func linear(_ x: Var, inFeatures: Int, outFeatures: Int, weightOffset: Int, biasOffset: Int?) -> Var {
        linear(x, inFeatures: inFeatures, outFeatures: outFeatures, weightOffset: weightOffset,
               biasOffset: biasOffset, fixedWeights: nil)
    }

    /// Records y = x·W with a fixed matrix W ([in × out], e.g. random Fourier features).
    public func linear(_ x: Var, fixedWeights: [Double], inFeatures: Int, outFeatures: Int) -> Var {
        precondition(fixedWeights.count == inFeatures * outFeatures,
                     "Tape.linear: fixedWeights has \(fixedWeights.count) values, expected \(inFeatures)×\(outFeatures)")
        return linear(x, inFeatures: inFeatures, outFeatures: outFeatures, weightOffset: nil, biasOffset: nil,
                      fixedWeights: fixedWeights)
    }

    private func linear(_ x: Var, inFeatures: Int, outFeatures: Int, weightOffset: Int?, biasOffset: Int?,
                        fixedWeights: [Double]?) -> Var {
        let xs = shape(x)
        precondition(xs.cols == inFeatures, "Tape.linear: x has \(xs.cols) features, layer expects \(inFeatures)")
        if let w = weightOffset {
            precondition(w >= 0 && w + inFeatures * outFeatures <= parameterCount, "Tape.linear: weights outside θ")
        }
        if let b = biasOffset { precondition(b >= 0 && b + outFeatures <= parameterCount, "Tape.linear: bias outside θ") }
        let usesParameters = weightOffset != nil || biasOffset != nil
        let (y, _) = record(shape: JetShape(components: xs.components, rows: xs.rows, cols: outFeatures),
                            layout: layout(x), requiresGradient: usesParameters || requiresGradient(x))
        var fixed: UnsafeMutablePointer<Double>? = nil
        if let fixedWeights {
            fixed = values.allocate(fixedWeights.count)
            fixedWeights.withUnsafeBufferPointer { fixed!.update(from: $0.baseAddress!, count: fixedWeights.count) }
        }
        let op = LinearOperation(x: x, y: y, inFeatures: inFeatures, outFeatures: outFeatures,
                                 weightOffset: weightOffset, biasOffset: biasOffset, fixedWeights: fixed)
        op.forward(self)
        operations.append(op)
        return y
    }
}
