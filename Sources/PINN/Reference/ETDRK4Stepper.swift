import Foundation

/// Fixed-step ETDRK4 for v̂_t = L v̂ + N(v̂) with diagonal real L, on interleaved complex
/// spectra held in `FFTWBuffer`s.
///
/// One step (Kassam & Trefethen 2005, SIAM J. Sci. Comput. 26(4), eq. (2.6)):
///
///     a = E₂ v + Q N(v),   b = E₂ v + Q N(a),   c = E₂ a + Q (2N(b) − N(v)),
///     v ← E v + f₁ N(v) + 2 f₂ (N(a) + N(b)) + f₃ N(c),
///
/// with the coefficients of `ETDRK4Coefficients`, expanded to the (re, im) layout so each
/// stage is one flat loop. The nonlinear term is supplied per step as `(input, output)`; it
/// is called four times per step, never per element. Coefficients are recomputed only when
/// the step length changes (relative tolerance 1e-12).
final class ETDRK4Stepper {
    /// Doubles per spectrum (2 × number of complex modes).
    let count: Int
    /// L per complex mode.
    let linear: [Double]
    private let nv: FFTWBuffer, na: FFTWBuffer, nb: FFTWBuffer, nc: FFTWBuffer
    private let a: FFTWBuffer, b: FFTWBuffer
    private var prepared: Double = .nan
    private var e: [Double] = [], e2: [Double] = [], q: [Double] = []
    private var f1: [Double] = [], f2: [Double] = [], f3: [Double] = []

    /// Allocates the stage buffers for spectra of `linear.count` complex modes.
    init(linear: [Double]) {
        self.linear = linear
        count = 2 * linear.count
        nv = FFTWBuffer(count: count); na = FFTWBuffer(count: count)
        nb = FFTWBuffer(count: count); nc = FFTWBuffer(count: count)
        a = FFTWBuffer(count: count); b = FFTWBuffer(count: count)
    }

    /// Loads the coefficients for step h (cached while h is unchanged).
    func prepare(step h: Double) {
        if abs(prepared - h) <= 1e-12 * h { return }
        let c = ETDRK4Coefficients(linear: linear, step: h)
        func twice(_ v: [Double]) -> [Double] { v.flatMap { [$0, $0] } }
        (e, e2, q) = (twice(c.e), twice(c.e2), twice(c.q))
        (f1, f2, f3) = (twice(c.f1), twice(c.f2), twice(c.f3))
        prepared = h
    }

    /// Advances `v` in place by one prepared step.
    func step(_ v: FFTWBuffer, nonlinear: (FFTWBuffer, FFTWBuffer) -> Void) {
        precondition(!prepared.isNaN, "ETDRK4Stepper.step: call prepare(step:) first")
        let n = count
        let vp = v.pointer, ap = a.pointer, bp = b.pointer
        let nvp = nv.pointer, nap = na.pointer, nbp = nb.pointer, ncp = nc.pointer
        e.withUnsafeBufferPointer { e in e2.withUnsafeBufferPointer { e2 in q.withUnsafeBufferPointer { q in
        f1.withUnsafeBufferPointer { f1 in f2.withUnsafeBufferPointer { f2 in f3.withUnsafeBufferPointer { f3 in
            nonlinear(v, nv)
            for i in 0..<n { ap[i] = e2[i] * vp[i] + q[i] * nvp[i] }
            nonlinear(a, na)
            for i in 0..<n { bp[i] = e2[i] * vp[i] + q[i] * nap[i] }
            nonlinear(b, nb)
            for i in 0..<n { ap[i] = e2[i] * ap[i] + q[i] * (2 * nbp[i] - nvp[i]) }
            nonlinear(a, nc)
            for i in 0..<n {
                vp[i] = e[i] * vp[i] + f1[i] * nvp[i] + 2 * f2[i] * (nap[i] + nbp[i]) + f3[i] * ncp[i]
            }
        } } } } } }
    }

    /// Advances `v` from time `now` to each target in turn with steps ≤ `maxStep`, each
    /// interval split into equal steps so the target is hit exactly; calls `output(j)` at
    /// target j. Targets must be non-decreasing and ≥ now.
    func march(_ v: FFTWBuffer, from now: Double, to targets: [Double], maxStep: Double,
               nonlinear: (FFTWBuffer, FFTWBuffer) -> Void, output: (Int) -> Void) {
        var now = now
        for (j, target) in targets.enumerated() {
            precondition(target >= now, "ETDRK4Stepper.march: times must be non-decreasing and ≥ 0 (got \(target) after \(now))")
            if target > now {
                let ratio = (target - now) / maxStep
                let steps = ratio.isFinite ? max(1, Int((ratio * (1 - 1e-12)).rounded(.up))) : 1
                prepare(step: (target - now) / Double(steps))
                for _ in 0..<steps { step(v, nonlinear: nonlinear) }
                now = target
            }
            output(j)
        }
    }
}
