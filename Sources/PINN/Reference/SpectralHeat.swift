import CFFTW
import Foundation

/// The 1-D heat equation solved exactly in time, mode by mode.
///
/// Problem: u_t = α u_xx on [lower, upper], u = 0 at both ends (`.dirichlet`, sine series)
/// or periodic (`.periodic`, Fourier series), u(x, 0) = u₀(x).
/// Method: u₀ is sampled on `points` intervals and transformed (RODFT00 or R2HC, see
/// `SpectralAxis`); each coefficient then evolves as c_m(t) = c_m(0) e^{−α k_m² t}, which is
/// exact, so the only error is the truncation of the initial data's series (round-off for
/// band-limited data). Output: the series evaluated at arbitrary points, or the inverse
/// transform on the solver's own sample points.
public final class SpectralHeat1D {
    /// Diffusivity α.
    public let alpha: Double
    let axis: SpectralAxis
    let coefficients: [Double]
    let inversePlan: FFTWPlan
    let buffer: FFTWBuffer, output: FFTWBuffer

    /// Samples `initial` and transforms it; `points` is the number of intervals N.
    public init(alpha: Double, lower: Double, upper: Double, boundary: HeatBoundary = .dirichlet,
                points: Int = 256, initial: (Double) -> Double) {
        precondition(alpha >= 0, "SpectralHeat1D: alpha must be ≥ 0, got \(alpha)")
        self.alpha = alpha
        axis = SpectralAxis(boundary: boundary, lower: lower, upper: upper, intervals: points)
        let n = axis.count
        let (b, o, ax) = (FFTWBuffer(count: n), FFTWBuffer(count: n), axis)
        buffer = b
        output = o
        let forward = FFTWPlan("r2r \(n)") {
            fftw_plan_r2r_1d(Int32(n), b.pointer, o.pointer, ax.forwardKind, cfftw_estimate())
        }
        inversePlan = FFTWPlan("r2r \(n)") {
            fftw_plan_r2r_1d(Int32(n), b.pointer, o.pointer, ax.inverseKind, cfftw_estimate())
        }
        for (j, x) in axis.points.enumerated() { b.pointer[j] = initial(x) }
        forward.r2r(b, o)
        coefficients = o.array
    }

    /// The solver's sample points (interior points for Dirichlet).
    public var solverGrid: [Double] { axis.points }

    /// u at the solver's sample points at time t (inverse transform).
    public func valuesOnSolverGrid(t: Double) -> [Double] {
        let decay = axis.wavenumbers.map { exp(-alpha * $0 * $0 * t) }
        for i in 0..<axis.count { buffer.pointer[i] = coefficients[i] * decay[i] }
        inversePlan.r2r(buffer, output)
        return output.array.map { $0 * axis.inverseScale }
    }

    /// u on the tensor grid, row-major [t.count, x.count] (t slowest), by series evaluation.
    public func grid(x: [Double], t: [Double]) -> [Double] {
        let n = axis.count
        let basis = axis.basis(at: x)
        let k2 = axis.wavenumbers.map { $0 * $0 }
        // Coefficients of every requested time as columns: C[m, j] = c_m e^{−α k_m² t_j}.
        var c = [Double](repeating: 0, count: n * t.count)
        for m in 0..<n {
            for (j, tj) in t.enumerated() { c[m * t.count + j] = coefficients[m] * exp(-alpha * k2[m] * tj) }
        }
        let values = denseProduct(basis, rows: x.count, inner: n, c, columns: t.count)   // [x, t]
        var out = [Double](repeating: 0, count: x.count * t.count)
        for p in 0..<x.count {
            for j in 0..<t.count { out[j * x.count + p] = values[p * t.count + j] }
        }
        return out
    }

    /// u(x, t) at one point.
    public func u(x: Double, t: Double) -> Double { grid(x: [x], t: [t])[0] }
}

/// C = A·B for row-major A [rows, inner] and B [inner, columns] (i-k-j order, vectorisable).
func denseProduct(_ a: [Double], rows: Int, inner: Int, _ b: [Double], columns: Int) -> [Double] {
    precondition(a.count == rows * inner && b.count == inner * columns,
                 "denseProduct: shapes [\(rows),\(inner)]·[\(inner),\(columns)] do not match counts \(a.count), \(b.count)")
    var c = [Double](repeating: 0, count: rows * columns)
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
        for i in 0..<rows {
            let row = c.baseAddress! + i * columns
            for k in 0..<inner {
                let aik = a[i * inner + k]
                if aik == 0 { continue }
                let brow = b.baseAddress! + k * columns
                for j in 0..<columns { row[j] += aik * brow[j] }
            }
        }
    } } }
    return c
}
