import CFFTW
import Foundation

/// Boundary treatment of one axis of a spectral heat solver.
public enum HeatBoundary: String, Sendable, CaseIterable {
    /// u = 0 at both ends: sine series, FFTW_RODFT00 (DST-I) on the interior points.
    case dirichlet
    /// Periodic with period upper − lower: real Fourier series, FFTW_R2HC (halfcomplex).
    case periodic
}

/// One axis of a separable real spectral basis: its sample points, FFTW r2r kinds,
/// wavenumbers and basis functions.
///
/// With N intervals of width h = L/N (L = upper − lower, θ = (x − lower)/L):
///
/// - Dirichlet: samples x_j = lower + (j+1)h, j = 0..<N−1 (interior). RODFT00 gives
///   c_m = 2 Σ_j u_j sin(π(j+1)(m+1)/N), and u(x) = Σ_m c_m φ_m(x) with
///   φ_m = sin((m+1)πθ)/N, wavenumber k_m = (m+1)π/L.
/// - Periodic: samples x_j = lower + jh, j = 0..<N. R2HC gives the halfcomplex array
///   (Re û_0, ..., Re û_{N/2}, Im û_{(N−1)/2}, ..., Im û_1) of û_m = Σ_j u_j e^{−2πijm/N};
///   φ_0 = 1/N, φ_m = 2cos(2πmθ)/N (0 < m < N/2), φ_{N/2} = cos(πNθ)/N (N even),
///   φ_{N−m} = −2 sin(2πmθ)/N; wavenumber 2π·min(m, N−m)/L.
///
/// Inverse transforms on the sample grid: RODFT00 again divided by 2N, or HC2R divided by N.
/// FFTW documents multi-dimensional R2HC as separable 1-D transforms, so 2-D products of
/// these axes (including mixed kinds) come from one `fftw_plan_r2r_2d`.
struct SpectralAxis {
    let boundary: HeatBoundary
    let lower: Double, upper: Double
    /// Number of intervals N.
    let intervals: Int

    init(boundary: HeatBoundary, lower: Double, upper: Double, intervals: Int) {
        precondition(upper > lower, "SpectralAxis: upper (\(upper)) must exceed lower (\(lower))")
        precondition(intervals >= 4, "SpectralAxis: at least 4 intervals needed, got \(intervals)")
        self.boundary = boundary
        self.lower = lower
        self.upper = upper
        self.intervals = intervals
    }

    var length: Double { upper - lower }

    /// Number of samples and coefficients (N − 1 or N).
    var count: Int { boundary == .dirichlet ? intervals - 1 : intervals }

    /// The sample points.
    var points: [Double] {
        let h = length / Double(intervals)
        let shift = boundary == .dirichlet ? 1 : 0
        return (0..<count).map { lower + Double($0 + shift) * h }
    }

    /// FFTW kinds for the forward and inverse transforms.
    var forwardKind: fftw_r2r_kind { boundary == .dirichlet ? FFTW_RODFT00 : FFTW_R2HC }
    var inverseKind: fftw_r2r_kind { boundary == .dirichlet ? FFTW_RODFT00 : FFTW_HC2R }

    /// Factor that makes inverse(forward(u)) = u.
    var inverseScale: Double { 1 / Double(boundary == .dirichlet ? 2 * intervals : intervals) }

    /// Wavenumber of each coefficient.
    var wavenumbers: [Double] {
        (0..<count).map { i in
            switch boundary {
            case .dirichlet: return Double(i + 1) * Double.pi / length
            case .periodic: return 2 * Double.pi * Double(min(i, intervals - i)) / length
            }
        }
    }

    /// Basis matrix [x.count, count]: row p holds φ_i(x_p), so u(x_p) = Σ_i B[p,i] c_i.
    func basis(at x: [Double]) -> [Double] {
        let n = count, big = intervals
        let scale = 1 / Double(big)
        var b = [Double](repeating: 0, count: x.count * n)
        for (p, xp) in x.enumerated() {
            var theta = (xp - lower) / length
            if boundary == .periodic { theta -= theta.rounded(.down) }
            let row = p * n
            switch boundary {
            case .dirichlet:
                for m in 0..<n { b[row + m] = scale * sin(Double(m + 1) * Double.pi * theta) }
            case .periodic:
                b[row] = scale
                for m in 1...(big / 2) {
                    let angle = 2 * Double.pi * Double(m) * theta
                    if 2 * m == big {
                        b[row + m] = scale * cos(angle)
                    } else {
                        b[row + m] = 2 * scale * cos(angle)
                        b[row + big - m] = -2 * scale * sin(angle)
                    }
                }
            }
        }
        return b
    }
}
