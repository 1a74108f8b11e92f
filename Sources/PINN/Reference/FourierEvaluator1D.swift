import Foundation

/// Evaluates a real Fourier series from its r2c half-spectrum at arbitrary points.
///
///     u(x) = s · [ û₀ + 2 Σ_{m=1}^{K} Re( û_m e^{i k_m (x − a)} ) ],   k_m = 2πm/L,
///
/// with s the normalisation (1/N for FFTW's unnormalised r2c). K must be below the Nyquist
/// index N/2 (true for a 2/3-dealiased spectrum). cos and sin of k_m (x − a) are tabulated
/// once per point set with direct libm calls (no angle recurrence, so no error growth);
/// the table holds 2·x.count·(K + 1) doubles.
struct FourierEvaluator1D {
    let pointCount: Int
    let highest: Int
    let cosTable: [Double], sinTable: [Double]   // [point][m]

    init(x: [Double], lower: Double, length: Double, highest: Int) {
        pointCount = x.count
        self.highest = highest
        let width = highest + 1
        var c = [Double](repeating: 0, count: x.count * width), s = c
        for (p, xp) in x.enumerated() {
            // Reduce the phase to one period first, so large m keep full accuracy.
            var phase = (xp - lower).truncatingRemainder(dividingBy: length) / length
            if phase < 0 { phase += 1 }
            for m in 0...highest {
                let angle = 2 * Double.pi * (Double(m) * phase).truncatingRemainder(dividingBy: 1)
                c[p * width + m] = cos(angle)
                s[p * width + m] = sin(angle)
            }
        }
        cosTable = c
        sinTable = s
    }

    /// Writes u at every point to `out[0..<pointCount]` from the interleaved half-spectrum.
    func evaluate(_ spectrum: UnsafePointer<Double>, scale: Double, into out: UnsafeMutablePointer<Double>) {
        let width = highest + 1
        cosTable.withUnsafeBufferPointer { ct in sinTable.withUnsafeBufferPointer { st in
            for p in 0..<pointCount {
                var sum = 0.0
                let base = p * width
                for m in 1..<width {
                    sum += spectrum[2 * m] * ct[base + m] - spectrum[2 * m + 1] * st[base + m]
                }
                out[p] = scale * (spectrum[0] + 2 * sum)
            }
        } }
    }
}
