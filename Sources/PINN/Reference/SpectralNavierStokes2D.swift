import CFFTW
import Foundation

/// Velocity, pressure and vorticity of a 2-D flow on a tensor grid at several times.
public struct FlowFields2D: Sendable {
    /// Output times, x and y coordinates.
    public let times: [Double], x: [Double], y: [Double]
    /// Fields, each row-major [times.count, y.count, x.count] (t slowest, x fastest).
    public let u: [Double], v: [Double], p: [Double], omega: [Double]
}

/// 2-D incompressible Navier–Stokes on a periodic box, vorticity–streamfunction form,
/// Fourier pseudo-spectral with 2/3 dealiasing and ETDRK4 in time.
///
/// Problem: ω_t + u·∇ω = ν Δω on [0, Lx) × [0, Ly), ω = v_x − u_y, u = U + ψ_y,
/// v = V − ψ_x, Δψ = −ω, where (U, V) is the mean velocity (constant: momentum is conserved).
/// Initial velocity (u₀, v₀) is sampled, Leray-projected in Fourier space
/// (û ← û − k (k·û)/|k|²) and its curl gives ω̂(0). Nonlinear term −(u ω_x + v ω_y) is formed
/// on the grid from four inverse FFTs and dealiased by the 2/3 rule (modes with 3|m| ≥ N
/// in either direction are zero); the viscous term L = −ν|k|² is integrated exactly by
/// ETDRK4 (Kassam & Trefethen 2005, SIAM J. Sci. Comput. 26(4)).
/// Pressure (mean zero) solves Δp = −∇·(u·∇u) = 2(u_x v_y − u_y v_x) spectrally; its
/// right-hand side is a grid product and is not dealiased (negligible for resolved flows).
/// Taylor–Green (u = sin x cos y F, v = −cos x sin y F, p = ¼(cos 2x + cos 2y)F², F = e^{−2νt})
/// is reproduced to round-off (tested). Plans are made once per instance; an instance is not
/// safe to use from two threads at once.
public final class SpectralNavierStokes2D {
    /// Default CFL number for the time step: h ≤ cfl · min(Δx, Δy) / max(|u| + |v|).
    public static let defaultCFL = 0.25

    /// Viscosity ν, box lengths and grid sizes.
    public let nu: Double, lengthX: Double, lengthY: Double
    public let pointsX: Int, pointsY: Int
    /// Largest ETDRK4 step (∞ when the flow is at rest: then one step per output interval).
    public private(set) var maxTimeStep: Double = .infinity
    /// Mean velocity (U, V) of the initial data, carried unchanged.
    public private(set) var meanU = 0.0, meanV = 0.0

    let modesX: Int                       // pointsX/2 + 1 columns of the r2c half-spectrum
    let kx: [Double], ky: [Double]        // derivative wavenumbers (0 at Nyquist)
    let inverseK2: [Double]               // 1/|k|² per mode (full wavenumbers; 0 at k = 0)
    let keep: [Double]                    // 2/3-rule mask per mode, 1 or 0
    let forward: FFTWPlan, backward: FFTWPlan
    let omegaHat: FFTWBuffer
    private(set) var initialOmega: [Double] = []
    let spectra: [FFTWBuffer], grids: [FFTWBuffer], product: FFTWBuffer  // scratch
    let outputs: [FFTWBuffer]             // û, v̂, p̂, ω̂ at an output time
    let stepper: ETDRK4Stepper

    /// Samples (u₀, v₀) on x_i = i·Lx/Nx, y_j = j·Ly/Ny, projects, and plans the FFTs.
    /// `maxTimeStep` nil means `defaultCFL` applied to the projected initial velocity.
    public init(nu: Double, lengthX: Double = 2 * Double.pi, lengthY: Double = 2 * Double.pi,
                pointsX: Int = 64, pointsY: Int = 64, maxTimeStep: Double? = nil,
                u0: (Double, Double) -> Double, v0: (Double, Double) -> Double) {
        precondition(nu >= 0, "SpectralNavierStokes2D: nu must be ≥ 0, got \(nu)")
        precondition(lengthX > 0 && lengthY > 0, "SpectralNavierStokes2D: lengths must be positive, got \(lengthX), \(lengthY)")
        precondition(pointsX >= 8 && pointsX % 2 == 0 && pointsY >= 8 && pointsY % 2 == 0,
                     "SpectralNavierStokes2D: points must be even and ≥ 8, got \(pointsX) × \(pointsY)")
        (self.nu, self.lengthX, self.lengthY, self.pointsX, self.pointsY) = (nu, lengthX, lengthY, pointsX, pointsY)
        let mx = pointsX / 2 + 1, ny = pointsY, modes = mx * ny
        modesX = mx
        kx = (0..<mx).map { $0 == pointsX / 2 ? 0 : 2 * Double.pi * Double($0) / lengthX }
        let signedY = (0..<ny).map { $0 <= ny / 2 ? $0 : $0 - ny }
        ky = signedY.map { abs($0) == ny / 2 ? 0 : 2 * Double.pi * Double($0) / lengthY }
        var k2 = [Double](repeating: 0, count: modes), keep = k2
        for j in 0..<ny {
            for i in 0..<mx {
                let (a, b) = (2 * Double.pi * Double(i) / lengthX, 2 * Double.pi * Double(signedY[j]) / lengthY)
                k2[j * mx + i] = a * a + b * b
                keep[j * mx + i] = (3 * i < pointsX && 3 * abs(signedY[j]) < ny) ? 1 : 0
            }
        }
        self.keep = keep
        inverseK2 = k2.map { $0 == 0 ? 0 : 1 / $0 }
        omegaHat = FFTWBuffer(complexCount: modes)
        spectra = (0..<4).map { _ in FFTWBuffer(complexCount: modes) }
        outputs = (0..<4).map { _ in FFTWBuffer(complexCount: modes) }
        grids = (0..<4).map { _ in FFTWBuffer(count: pointsX * pointsY) }
        product = FFTWBuffer(count: pointsX * pointsY)
        let (r, c, n0, n1) = (product, omegaHat, Int32(pointsY), Int32(pointsX))
        forward = FFTWPlan("r2c \(ny)x\(pointsX)") { fftw_plan_dft_r2c_2d(n0, n1, r.pointer, c.complex, cfftw_estimate()) }
        backward = FFTWPlan("c2r \(ny)x\(pointsX)") { fftw_plan_dft_c2r_2d(n0, n1, c.complex, r.pointer, cfftw_estimate()) }
        stepper = ETDRK4Stepper(linear: k2.map { -nu * $0 })

        // Sample, transform, project, take the curl.
        let total = Double(pointsX * pointsY)
        let (uHat, vHat) = (spectra[0], spectra[1])
        func sample(_ closure: (Double, Double) -> Double, into target: FFTWBuffer) {
            for j in 0..<ny {
                for i in 0..<pointsX {
                    product.pointer[j * pointsX + i] = closure(Double(i) * lengthX / Double(pointsX), Double(j) * lengthY / Double(ny))
                }
            }
            forward.r2c(product, target)
        }
        sample(u0, into: uHat)
        sample(v0, into: vHat)
        (meanU, meanV) = (uHat.pointer[0] / total, vHat.pointer[0] / total)
        let (up, vp, wp) = (uHat.pointer, vHat.pointer, omegaHat.pointer)
        for j in 0..<ny {
            for i in 0..<mx {
                let m = j * mx + i, (a, b) = (kx[i], ky[j]), kk = a * a + b * b
                if kk > 0 {
                    for part in 0..<2 {
                        let dot = a * up[2 * m + part] + b * vp[2 * m + part]
                        up[2 * m + part] -= a * dot / kk
                        vp[2 * m + part] -= b * dot / kk
                    }
                }
                // ω̂ = i kx v̂ − i ky û, restricted to the retained modes.
                wp[2 * m] = keep[m] * (-a * vp[2 * m + 1] + b * up[2 * m + 1])
                wp[2 * m + 1] = keep[m] * (a * vp[2 * m] - b * up[2 * m])
            }
        }
        initialOmega = omegaHat.array
        let start = fields(times: [0])
        let speed = zip(start.u, start.v).map { abs($0) + abs($1) }.max() ?? 0
        let spacing = min(lengthX / Double(pointsX), lengthY / Double(ny))
        self.maxTimeStep = maxTimeStep ?? (speed > 0 ? SpectralNavierStokes2D.defaultCFL * spacing / speed : .infinity)
        precondition(self.maxTimeStep > 0, "SpectralNavierStokes2D: maxTimeStep must be positive, got \(self.maxTimeStep)")
    }

    /// Grid coordinates x_i = i·Lx/Nx and y_j = j·Ly/Ny.
    public var gridX: [Double] { (0..<pointsX).map { Double($0) * lengthX / Double(pointsX) } }
    public var gridY: [Double] { (0..<pointsY).map { Double($0) * lengthY / Double(pointsY) } }

    /// u, v, p, ω on the solver grid at each time (non-decreasing, ≥ 0; integrates from 0).
    public func fields(times: [Double]) -> FlowFields2D {
        run(times: times, x: gridX, y: gridY) { spectrum, out in self.toGrid(spectrum, into: out) }
    }

    /// u, v, p, ω at arbitrary x, y (spectral interpolation; the fields are periodic).
    public func fields(x: [Double], y: [Double], times: [Double]) -> FlowFields2D {
        let evaluator = FourierEvaluator2D(x: x, y: y, lengthX: lengthX, lengthY: lengthY, pointsX: pointsX, pointsY: pointsY)
        let scale = 1 / Double(pointsX * pointsY)
        return run(times: times, x: x, y: y) { spectrum, out in evaluator.evaluate(spectrum.pointer, scale: scale, into: out) }
    }

    /// Marches ω̂ through `times` and writes the four fields at each with `emit`.
    private func run(times: [Double], x: [Double], y: [Double],
                     emit: (FFTWBuffer, UnsafeMutablePointer<Double>) -> Void) -> FlowFields2D {
        let size = x.count * y.count
        var out = [[Double]](repeating: [Double](repeating: 0, count: size * times.count), count: 4)
        omegaHat.pointer.update(from: initialOmega, count: initialOmega.count)
        stepper.march(omegaHat, from: 0, to: times, maxStep: maxTimeStep, nonlinear: nonlinear) { k in
            let fieldSpectra = outputSpectra()
            for f in 0..<4 {
                out[f].withUnsafeMutableBufferPointer { emit(fieldSpectra[f], $0.baseAddress! + k * size) }
            }
        }
        return FlowFields2D(times: times, x: x, y: y, u: out[0], v: out[1], p: out[2], omega: out[3])
    }
}
