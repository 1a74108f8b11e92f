import CFFTW
import Foundation

/// The 2-D anisotropic heat equation solved exactly in time, mode by mode.
///
/// Problem: u_t = αx u_xx + αy u_yy on [x₀, x₁] × [y₀, y₁], each axis either Dirichlet
/// (u = 0, sine series) or periodic (Fourier series), u(x, y, 0) = u₀(x, y).
/// Method: u₀ is sampled on the product of the axes' sample points (`SpectralAxis`) and
/// transformed by one `fftw_plan_r2r_2d` (RODFT00 and/or R2HC per axis). In the product
/// basis φ_i(x) ψ_j(y) each coefficient evolves exactly,
///
///     c_ji(t) = c_ji(0) e^{−(αx kx_i² + αy ky_j²) t},
///
/// so the only error is the truncation of u₀'s series (round-off for band-limited data,
/// e.g. PINNacle's multiscale case sin(20πx) sin(πy) with αx = 1/(500π)², αy = 1/π²).
/// Output on arbitrary grids is separable: U = By · (Ey C Ex) · Bxᵀ, with B the basis
/// matrices and E the diagonal decay factors.
public final class SpectralHeat2D {
    /// Diffusivities αx, αy.
    public let alphaX: Double, alphaY: Double
    let axisX: SpectralAxis, axisY: SpectralAxis
    let coefficients: [Double]          // [ny, nx] in the product basis
    let inversePlan: FFTWPlan
    let buffer: FFTWBuffer, output: FFTWBuffer

    /// Samples `initial(x, y)` on pointsX × pointsY intervals and transforms it.
    public init(alphaX: Double, alphaY: Double,
                x: (lower: Double, upper: Double), y: (lower: Double, upper: Double),
                boundaryX: HeatBoundary = .dirichlet, boundaryY: HeatBoundary = .dirichlet,
                pointsX: Int = 128, pointsY: Int = 128, initial: (Double, Double) -> Double) {
        precondition(alphaX >= 0 && alphaY >= 0, "SpectralHeat2D: diffusivities must be ≥ 0, got \(alphaX), \(alphaY)")
        self.alphaX = alphaX
        self.alphaY = alphaY
        axisX = SpectralAxis(boundary: boundaryX, lower: x.lower, upper: x.upper, intervals: pointsX)
        axisY = SpectralAxis(boundary: boundaryY, lower: y.lower, upper: y.upper, intervals: pointsY)
        let (nx, ny, ax, ay) = (axisX.count, axisY.count, axisX, axisY)
        let (b, o) = (FFTWBuffer(count: nx * ny), FFTWBuffer(count: nx * ny))
        buffer = b
        output = o
        let forward = FFTWPlan("r2r \(ny)x\(nx)") {
            fftw_plan_r2r_2d(Int32(ny), Int32(nx), b.pointer, o.pointer, ay.forwardKind, ax.forwardKind, cfftw_estimate())
        }
        inversePlan = FFTWPlan("r2r \(ny)x\(nx)") {
            fftw_plan_r2r_2d(Int32(ny), Int32(nx), b.pointer, o.pointer, ay.inverseKind, ax.inverseKind, cfftw_estimate())
        }
        let xs = axisX.points, ys = axisY.points
        for j in 0..<ny { for i in 0..<nx { b.pointer[j * nx + i] = initial(xs[i], ys[j]) } }
        forward.r2r(b, o)
        coefficients = o.array
    }

    /// The solver's sample points along x and y (interior points on Dirichlet axes).
    public var solverGridX: [Double] { axisX.points }
    public var solverGridY: [Double] { axisY.points }

    /// Coefficients at time t: c_ji(0) · ey_j · ex_i.
    func coefficients(at t: Double) -> [Double] {
        let ex = axisX.wavenumbers.map { exp(-alphaX * $0 * $0 * t) }
        let ey = axisY.wavenumbers.map { exp(-alphaY * $0 * $0 * t) }
        let nx = axisX.count
        var c = coefficients
        for j in 0..<axisY.count { for i in 0..<nx { c[j * nx + i] *= ey[j] * ex[i] } }
        return c
    }

    /// u at the solver's sample points at time t, row-major [ny, nx] (inverse transform).
    public func valuesOnSolverGrid(t: Double) -> [Double] {
        let c = coefficients(at: t)
        buffer.pointer.update(from: c, count: c.count)
        inversePlan.r2r(buffer, output)
        let scale = axisX.inverseScale * axisY.inverseScale
        return output.array.map { $0 * scale }
    }

    /// u on the tensor grid, row-major [t.count, y.count, x.count] (t slowest, x fastest).
    public func grid(x: [Double], y: [Double], t: [Double]) -> [Double] {
        let (nx, ny) = (axisX.count, axisY.count)
        var bxT = [Double](repeating: 0, count: nx * x.count)          // Bxᵀ [nx, x.count]
        let bx = axisX.basis(at: x)
        for p in 0..<x.count { for i in 0..<nx { bxT[i * x.count + p] = bx[p * nx + i] } }
        let by = axisY.basis(at: y)                                     // [y.count, ny]
        var out = [Double](repeating: 0, count: t.count * y.count * x.count)
        for (k, tk) in t.enumerated() {
            let partial = denseProduct(coefficients(at: tk), rows: ny, inner: nx, bxT, columns: x.count)
            let values = denseProduct(by, rows: y.count, inner: ny, partial, columns: x.count)
            out.replaceSubrange((k * y.count * x.count)..<((k + 1) * y.count * x.count), with: values)
        }
        return out
    }

    /// u(x, y, t) at one point.
    public func u(x: Double, y: Double, t: Double) -> Double { grid(x: [x], y: [y], t: [t])[0] }
}
