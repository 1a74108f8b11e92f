import CFFTW
import Foundation

/// Serialises FFTW plan creation and destruction across the process.
///
/// FFTW's planner keeps global state (wisdom, the trig tables), so `fftw_plan_*` and
/// `fftw_destroy_plan` must not run concurrently; `fftw_execute*` on distinct arrays may.
/// Every plan made by the reference solvers goes through `withLock`.
enum FFTWPlanLock {
    private static let lock = NSLock()

    /// Runs `body` while holding the process-wide FFTW planner lock.
    static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// A SIMD-aligned block of doubles from `fftw_malloc`, freed on deinit.
///
/// Complex arrays are stored interleaved (re, im), which is the layout of `fftw_complex`;
/// `complex` reinterprets the block for FFTW's complex-array arguments. All buffers of a
/// solver come from here, so they share the alignment the plans were created with, as the
/// new-array execute functions (`fftw_execute_dft_r2c` ...) require.
final class FFTWBuffer {
    /// Number of doubles in the block.
    let count: Int
    /// The first double of the block.
    let pointer: UnsafeMutablePointer<Double>

    /// Allocates `count` doubles, zero-filled.
    init(count: Int) {
        precondition(count > 0, "FFTWBuffer: count must be positive, got \(count)")
        self.count = count
        guard let raw = fftw_malloc(count * MemoryLayout<Double>.stride) else {
            fatalError("FFTWBuffer: fftw_malloc failed for \(count) doubles")
        }
        pointer = raw.bindMemory(to: Double.self, capacity: count)
        pointer.initialize(repeating: 0, count: count)
    }

    /// Allocates room for `count` interleaved complex numbers (2 × count doubles).
    convenience init(complexCount: Int) {
        self.init(count: 2 * complexCount)
    }

    deinit { fftw_free(pointer) }

    /// The block seen as FFTW complex numbers.
    var complex: UnsafeMutablePointer<fftw_complex> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: fftw_complex.self)
    }

    /// Sets every double to zero.
    func zero() { pointer.update(repeating: 0, count: count) }

    /// Copies all doubles from `other` (same count).
    func copy(from other: FFTWBuffer) {
        precondition(other.count == count, "FFTWBuffer.copy: counts differ (\(other.count) vs \(count))")
        pointer.update(from: other.pointer, count: count)
    }

    /// The contents as a Swift array.
    var array: [Double] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// An FFTW plan created once under `FFTWPlanLock` and destroyed under it on deinit.
///
/// Execute it with the new-array functions on any `FFTWBuffer`s of the planned sizes.
final class FFTWPlan {
    /// The underlying `fftw_plan`.
    let plan: OpaquePointer

    /// Creates the plan with `make` while holding the planner lock.
    ///
    /// With FFTW_MEASURE the planner overwrites the arrays it is given: plan before filling.
    init(_ what: String, _ make: () -> OpaquePointer?) {
        guard let made = FFTWPlanLock.withLock(make) else {
            fatalError("FFTWPlan: FFTW could not create a plan for \(what)")
        }
        plan = made
    }

    deinit {
        let p = plan
        FFTWPlanLock.withLock { fftw_destroy_plan(p) }
    }

    /// Real-to-complex transform from `input` to `output` (plan must be an r2c plan).
    func r2c(_ input: FFTWBuffer, _ output: FFTWBuffer) {
        fftw_execute_dft_r2c(plan, input.pointer, output.complex)
    }

    /// Complex-to-real transform; FFTW destroys `input`, so pass a scratch copy.
    func c2r(_ input: FFTWBuffer, _ output: FFTWBuffer) {
        fftw_execute_dft_c2r(plan, input.complex, output.pointer)
    }

    /// Real-to-real transform (RODFT00, R2HC, HC2R ... as planned).
    func r2r(_ input: FFTWBuffer, _ output: FFTWBuffer) {
        fftw_execute_r2r(plan, input.pointer, output.pointer)
    }
}
