import Foundation

/// ETDRK4 coefficients for a diagonal, real linear operator L (one value per Fourier mode).
///
/// Exponential time differencing RK4 of Cox & Matthews (2002, J. Comput. Phys. 176) in the
/// form of Kassam & Trefethen (2005, SIAM J. Sci. Comput. 26(4), eqs. (2.5)–(2.6)):
/// for v_t = L v + N(v, t) and step h,
///
///     a = E₂ v + Q N(v),           b = E₂ v + Q N(a),
///     c = E₂ a + Q (2 N(b) − N(v)),
///     v ← E v + f₁ N(v) + 2 f₂ (N(a) + N(b)) + f₃ N(c),
///
/// with E = e^{hL}, E₂ = e^{hL/2}, and, writing z = hL,
///
///     Q  = h (e^{z/2} − 1) / z
///     f₁ = h (−4 − z + e^z (4 − 3z + z²)) / z³
///     f₂ = h ( 2 + z + e^z (−2 + z)) / z³
///     f₃ = h (−4 − 3z − z² + e^z (4 − z)) / z³.
///
/// These suffer cancellation for small |z|, so each is evaluated as the mean over points on
/// a circle of radius 1 centred at z (Cauchy's integral formula, trapezoidal rule); for real
/// z the circle is symmetric, so `contourPoints` points on the upper half suffice and the
/// real part of the mean is taken (Kassam & Trefethen, §2, with M = 32).
struct ETDRK4Coefficients {
    /// The step h they were computed for.
    let step: Double
    /// e^{hL}, e^{hL/2}, Q, f₁, f₂, f₃ per mode.
    let e: [Double], e2: [Double], q: [Double], f1: [Double], f2: [Double], f3: [Double]

    /// Computes the coefficients for `linear` (values of L, ≤ 0 for diffusion) and step h.
    init(linear: [Double], step h: Double, contourPoints m: Int = 32) {
        precondition(h > 0, "ETDRK4Coefficients: step must be positive, got \(h)")
        step = h
        let n = linear.count
        var e = [Double](repeating: 0, count: n), e2 = e, q = e, f1 = e, f2 = e, f3 = e
        // Contour points r_j = exp(iπ(j − ½)/m), j = 1...m (upper half circle).
        let roots = (1...m).map { j -> (Double, Double) in
            let angle = Double.pi * (Double(j) - 0.5) / Double(m)
            return (cos(angle), sin(angle))
        }
        // Modes with equal L (e.g. ±k, or equal |k|² in 2-D) share one evaluation.
        var cache: [Double: (Double, Double, Double, Double)] = [:]
        for i in 0..<n {
            let z = h * linear[i]
            e[i] = exp(z)
            e2[i] = exp(z / 2)
            if let hit = cache[z] {
                (q[i], f1[i], f2[i], f3[i]) = hit
                continue
            }
            var sq = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            for (rr, ri) in roots {
                let lr = PlainComplex(re: z + rr, im: ri)
                let ez = lr.exp()
                let ezHalf = (lr * 0.5).exp()
                let lr2 = lr * lr
                let lr3 = lr2 * lr
                sq += ((ezHalf - 1) / lr).re
                s1 += ((lr * -1 - 4 + ez * (lr2 - lr * 3 + 4)) / lr3).re
                s2 += ((lr + 2 + ez * (lr - 2)) / lr3).re
                s3 += ((lr * -3 - lr2 - 4 + ez * (lr * -1 + 4)) / lr3).re
            }
            let scale = h / Double(m)
            let entry = (sq * scale, s1 * scale, s2 * scale, s3 * scale)
            cache[z] = entry
            (q[i], f1[i], f2[i], f3[i]) = entry
        }
        (self.e, self.e2, self.q, self.f1, self.f2, self.f3) = (e, e2, q, f1, f2, f3)
    }
}

/// Minimal complex arithmetic for the contour integrals (not used in hot loops).
struct PlainComplex {
    var re: Double
    var im: Double

    /// e^{re + i im}.
    func exp() -> PlainComplex {
        let m = Foundation.exp(re)
        return PlainComplex(re: m * cos(im), im: m * sin(im))
    }

    static func + (a: PlainComplex, b: PlainComplex) -> PlainComplex { PlainComplex(re: a.re + b.re, im: a.im + b.im) }
    static func - (a: PlainComplex, b: PlainComplex) -> PlainComplex { PlainComplex(re: a.re - b.re, im: a.im - b.im) }
    static func + (a: PlainComplex, b: Double) -> PlainComplex { PlainComplex(re: a.re + b, im: a.im) }
    static func - (a: PlainComplex, b: Double) -> PlainComplex { PlainComplex(re: a.re - b, im: a.im) }
    static func * (a: PlainComplex, b: Double) -> PlainComplex { PlainComplex(re: a.re * b, im: a.im * b) }
    static func * (a: PlainComplex, b: PlainComplex) -> PlainComplex {
        PlainComplex(re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re)
    }
    static func / (a: PlainComplex, b: PlainComplex) -> PlainComplex {
        let d = b.re * b.re + b.im * b.im
        return PlainComplex(re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d)
    }
}
