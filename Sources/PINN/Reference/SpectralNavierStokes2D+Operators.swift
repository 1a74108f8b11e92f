import CFFTW
import Foundation

/// The spectral operators of `SpectralNavierStokes2D`: nonlinear term, output spectra and
/// the inverse transform to the grid.
///
/// Spectra are FFTW's unnormalised r2c half-spectra, [Ny, Nx/2 + 1] interleaved (re, im);
/// c2r of a spectrum returns Nx·Ny times the field, and products of two such grids carry
/// (Nx·Ny)², removed where noted. Multiplying (a + ib) by i·k gives (−k b) + i(k a).
extension SpectralNavierStokes2D {
    /// Fills `spectra[0...3]` with û, v̂, ∂ₓω̂, ∂ᵧω̂ from ω̂ (ψ̂ = ω̂/|k|², û = i ky ψ̂, v̂ = −i kx ψ̂).
    private func velocityAndGradient(_ w: FFTWBuffer) {
        let wp = w.pointer
        let (s0, s1, s2, s3) = (spectra[0].pointer, spectra[1].pointer, spectra[2].pointer, spectra[3].pointer)
        for j in 0..<pointsY {
            let b = ky[j]
            for i in 0..<modesX {
                let m = j * modesX + i, a = kx[i], inv = inverseK2[m]
                let (re, im) = (wp[2 * m], wp[2 * m + 1])
                s0[2 * m] = -b * im * inv;  s0[2 * m + 1] = b * re * inv
                s1[2 * m] = a * im * inv;   s1[2 * m + 1] = -a * re * inv
                s2[2 * m] = -a * im;        s2[2 * m + 1] = a * re
                s3[2 * m] = -b * im;        s3[2 * m + 1] = b * re
            }
        }
    }

    /// out = N(ω̂) = −F[(U + u) ω_x + (V + v) ω_y] on the retained modes, 0 elsewhere.
    func nonlinear(_ w: FFTWBuffer, _ out: FFTWBuffer) {
        velocityAndGradient(w)
        for f in 0..<4 { backward.c2r(spectra[f], grids[f]) }
        let total = Double(pointsX * pointsY)
        let (shiftU, shiftV) = (meanU * total, meanV * total)
        let (u, v, wx, wy, prod) = (grids[0].pointer, grids[1].pointer, grids[2].pointer, grids[3].pointer, product.pointer)
        for q in 0..<(pointsX * pointsY) { prod[q] = (u[q] + shiftU) * wx[q] + (v[q] + shiftV) * wy[q] }
        forward.r2c(product, out)
        let scale = -1 / (total * total)
        let o = out.pointer
        keep.withUnsafeBufferPointer { keep in
            for m in 0..<keep.count {
                o[2 * m] *= scale * keep[m]
                o[2 * m + 1] *= scale * keep[m]
            }
        }
    }

    /// û, v̂ (with the mean flow), p̂ and ω̂ of the current state, in `outputs[0...3]`.
    ///
    /// p̂ = −F[2(u_x v_y − u_y v_x)] / |k|², p̂₀ = 0.
    func outputSpectra() -> [FFTWBuffer] {
        velocityAndGradient(omegaHat)
        let total = Double(pointsX * pointsY)
        outputs[0].copy(from: spectra[0])
        outputs[1].copy(from: spectra[1])
        outputs[3].copy(from: omegaHat)
        outputs[0].pointer[0] = meanU * total
        outputs[1].pointer[0] = meanV * total
        // Velocity gradients: spectra ← i kx û, i ky û, i kx v̂, i ky v̂.
        let (up, vp) = (outputs[0].pointer, outputs[1].pointer)
        let (s0, s1, s2, s3) = (spectra[0].pointer, spectra[1].pointer, spectra[2].pointer, spectra[3].pointer)
        for j in 0..<pointsY {
            let b = ky[j]
            for i in 0..<modesX {
                let m = 2 * (j * modesX + i), a = kx[i]
                s0[m] = -a * up[m + 1]; s0[m + 1] = a * up[m]
                s1[m] = -b * up[m + 1]; s1[m + 1] = b * up[m]
                s2[m] = -a * vp[m + 1]; s2[m + 1] = a * vp[m]
                s3[m] = -b * vp[m + 1]; s3[m + 1] = b * vp[m]
            }
        }
        for f in 0..<4 { backward.c2r(spectra[f], grids[f]) }
        let (ux, uy, vx, vy, prod) = (grids[0].pointer, grids[1].pointer, grids[2].pointer, grids[3].pointer, product.pointer)
        for q in 0..<(pointsX * pointsY) { prod[q] = 2 * (ux[q] * vy[q] - uy[q] * vx[q]) }
        forward.r2c(product, outputs[2])
        let pp = outputs[2].pointer
        let scale = -1 / (total * total)
        for m in 0..<inverseK2.count {
            pp[2 * m] *= scale * inverseK2[m]
            pp[2 * m + 1] *= scale * inverseK2[m]
        }
        return outputs
    }

    /// Writes the field of `spectrum` on the solver grid to out[0..<Nx·Ny] (c2r / (Nx·Ny)).
    func toGrid(_ spectrum: FFTWBuffer, into out: UnsafeMutablePointer<Double>) {
        spectra[0].copy(from: spectrum)        // c2r destroys its input
        backward.c2r(spectra[0], grids[0])
        let scale = 1 / Double(pointsX * pointsY)
        let g = grids[0].pointer
        for q in 0..<(pointsX * pointsY) { out[q] = g[q] * scale }
    }
}
