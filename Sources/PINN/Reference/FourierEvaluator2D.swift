import Foundation

/// Evaluates a real 2-D Fourier series from its r2c half-spectrum at tensor-grid points.
///
///     f(x, y) = s · Σ_{j} Σ_{i=0}^{Nx/2} w_i Re( f̂_{j,i} e^{i kx_i x} e^{i ky_j y} ),
///
/// kx_i = 2πi/Lx, ky_j = 2π j'/Ly with j' the signed index; w_0 = w_{Nx/2} = 1, else 2; the
/// Nyquist row j' = Ny/2 uses cos(ky y) in place of e^{i ky y} (the symmetric interpolant).
/// Separable: first A_{q,i} = Σ_j f̂_{j,i} e^{i ky_j y_q}, then the sum over i per point;
/// cos/sin are tabulated once per point set with direct libm calls.
struct FourierEvaluator2D {
    let countX: Int, countY: Int, modesX: Int, pointsY: Int
    let cosX: [Double], sinX: [Double]     // [x point][i], weights folded in
    let cosY: [Double], sinY: [Double]     // [y point][j]

    init(x: [Double], y: [Double], lengthX: Double, lengthY: Double, pointsX: Int, pointsY: Int) {
        countX = x.count
        countY = y.count
        modesX = pointsX / 2 + 1
        self.pointsY = pointsY
        func phase(_ v: Double, _ length: Double) -> Double {
            let p = (v / length).truncatingRemainder(dividingBy: 1)
            return p < 0 ? p + 1 : p
        }
        var cx = [Double](repeating: 0, count: x.count * modesX), sx = cx
        for (p, xp) in x.enumerated() {
            let theta = phase(xp, lengthX)
            for i in 0..<modesX {
                let w: Double = (i == 0 || 2 * i == pointsX) ? 1 : 2
                let angle = 2 * Double.pi * (Double(i) * theta).truncatingRemainder(dividingBy: 1)
                cx[p * modesX + i] = w * cos(angle)
                sx[p * modesX + i] = w * sin(angle)
            }
        }
        var cy = [Double](repeating: 0, count: y.count * pointsY), sy = cy
        for (q, yq) in y.enumerated() {
            let theta = phase(yq, lengthY)
            for j in 0..<pointsY {
                let signed = j <= pointsY / 2 ? j : j - pointsY
                let angle = 2 * Double.pi * (Double(signed) * theta).truncatingRemainder(dividingBy: 1)
                cy[q * pointsY + j] = cos(angle)
                sy[q * pointsY + j] = 2 * j == pointsY ? 0 : sin(angle)
            }
        }
        (cosX, sinX, cosY, sinY) = (cx, sx, cy, sy)
    }

    /// Writes f at every (x_p, y_q) to out[q·countX + p] from the interleaved half-spectrum.
    func evaluate(_ spectrum: UnsafePointer<Double>, scale: Double, into out: UnsafeMutablePointer<Double>) {
        var are = [Double](repeating: 0, count: modesX), aim = are
        for q in 0..<countY {
            for i in 0..<modesX { are[i] = 0; aim[i] = 0 }
            for j in 0..<pointsY {
                let (c, s) = (cosY[q * pointsY + j], sinY[q * pointsY + j])
                let row = spectrum + 2 * j * modesX
                for i in 0..<modesX {
                    let (re, im) = (row[2 * i], row[2 * i + 1])
                    are[i] += re * c - im * s
                    aim[i] += re * s + im * c
                }
            }
            for p in 0..<countX {
                var sum = 0.0
                let base = p * modesX
                for i in 0..<modesX { sum += are[i] * cosX[base + i] - aim[i] * sinX[base + i] }
                out[q * countX + p] = scale * sum
            }
        }
    }
}
