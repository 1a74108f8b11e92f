import Foundation
import Synchronization

/// Which GEMM kernel to use for each class of shapes, measured on the running machine the
/// first time a product of that class is called (in the spirit of FFTW's planner).
///
/// A shape class is (transposeA, ⌈log₂ n⌉, ⌈log₂ k⌉, ⌈log₂ m⌉): the layer widths 20, 64 and
/// 128 fall in different classes, and so do a chunk of 640 rows and one of 80. On the first
/// call of a class the planner times every `Gemm.Kernel` on that call's operands, writing
/// into a scratch copy of C (C itself is written only afterwards, by the caller, with the
/// winner: an accumulating product is never applied twice). The candidates run
/// interleaved, `rounds` times each, each measurement at least `minimumSeconds` long (the
/// call repeated), and each keeps its fastest time, the least disturbed by other load.
/// OpenBLAS must beat the fastest SIMD tile by `blasMargin` to be chosen: near a tie the
/// plan keeps the SIMD family, whose rounding does not depend on the machine.
///
/// Once made, a class's choice never changes for the life of the planner, so repeated
/// products of one shape are bitwise identical. Look-up is one atomic byte load from a
/// fixed table (2 × 32³ entries, one byte each); planning takes one lock, so two threads
/// that meet the same new class plan it once (a thread meeting another new class meanwhile
/// waits its turn), and a class already planned never touches the lock.
///
/// Why on first use and not eagerly at start-up: the shapes a run multiplies (chunk rows,
/// the last partial chunk, boundary sets, layer widths, Fourier features, reference
/// solvers) are known only where the products are called; timing the real operands there
/// needs no second description of them, and the timings include the other worker's load
/// on the caches, as in training. The price is paid inside the first training iteration
/// (or the benchmark's warm-up): 6 candidates × 8 timings of ≥ 50 µs,
/// about 3 ms per class of PINN size (`pinn-bench burgers --show-plan` prints the total:
/// 21 classes in 70–80 ms for configs A and B); a product longer than 50 µs runs 48 times.
public final class GemmPlan: @unchecked Sendable {
    /// The decision for one shape class.
    public struct Choice: Sendable, Equatable {
        /// The fastest SIMD kernel (what `Gemm.Backend.simd` uses).
        public let fastestSIMD: Gemm.Kernel
        /// Whether OpenBLAS beat it by the margin (then `.plan` uses OpenBLAS).
        public let blasFaster: Bool
        /// What `Gemm.Backend.plan` uses.
        public var fastest: Gemm.Kernel { blasFaster ? .blas : fastestSIMD }
    }

    /// One planned class, for reports: the call that planned it and every candidate's time.
    public struct Record: Sendable, CustomStringConvertible {
        public let transposeA: Bool
        public let m: Int, n: Int, k: Int
        public let seconds: [(kernel: Gemm.Kernel, seconds: Double)]
        public let choice: Choice
        /// Wall time spent planning this class.
        public let planningSeconds: Double

        public var description: String {
            let flop = 2 * Double(m) * Double(n) * Double(k)
            let times = seconds.map { String(format: "%@ %.1f", $0.kernel.rawValue, flop / $0.seconds / 1e9) }
            return String(format: "%@ m=%d n=%d k=%d (class %@): %@ GFLOP/s -> %@",
                          transposeA ? "Aᵀ·B" : "A·B ", m, n, k, GemmPlan.classDescription(m: m, n: n, k: k),
                          times.joined(separator: ", "), choice.fastest.rawValue)
        }
    }

    /// The planner `Gemm.multiply` uses.
    public static let shared = GemmPlan()

    /// Interleaved timing rounds per candidate.
    public let rounds: Int
    /// Shortest single measurement (short products are repeated up to this).
    public let minimumSeconds: Double
    /// OpenBLAS is chosen only when its time is below `blasMargin` × the best SIMD time.
    public let blasMargin: Double

    private static let bucketCount = 32
    let table: UnsafeMutablePointer<Atomic<UInt8>>
    let tableCount = 2 * bucketCount * bucketCount * bucketCount
    private let lock = NSLock()
    private var plannedRecords: [Record] = [] // guarded by `lock`

    public init(rounds: Int = 7, minimumSeconds: Double = 50e-6, blasMargin: Double = 0.95) {
        precondition(rounds >= 1 && minimumSeconds >= 0 && blasMargin > 0, "GemmPlan: bad settings")
        self.rounds = rounds; self.minimumSeconds = minimumSeconds; self.blasMargin = blasMargin
        table = .allocate(capacity: tableCount)
        for i in 0..<tableCount { (table + i).initialize(to: Atomic(0)) }
    }

    deinit {
        table.deinitialize(count: tableCount)
        table.deallocate()
    }

    /// ⌈log₂ x⌉ for x ≥ 1 (0 for 1, 1 for 2, 2 for 3–4, …, 6 for 33–64), capped at 31.
    @inline(__always)
    static func bucket(_ x: Int) -> Int {
        x <= 1 ? 0 : min(bucketCount - 1, Int.bitWidth - (x - 1).leadingZeroBitCount)
    }

    @inline(__always)
    static func classIndex(m: Int, n: Int, k: Int, transposeA: Bool) -> Int {
        (((transposeA ? 1 : 0) * bucketCount + bucket(n)) * bucketCount + bucket(k)) * bucketCount + bucket(m)
    }

    /// "m 513–1024, n 33–64, k 33–64": the sizes that share a class with (m, n, k).
    public static func classDescription(m: Int, n: Int, k: Int) -> String {
        func range(_ x: Int) -> String {
            let b = bucket(x)
            if b == 0 { return "1" }
            if b == bucketCount - 1 { return "≥\((1 << (b - 1)) + 1)" }
            return "\((1 << (b - 1)) + 1)–\(1 << b)"
        }
        return "m \(range(m)), n \(range(n)), k \(range(k))"
    }

    /// One byte per class: 0 = not planned; else bit 7 = OpenBLAS faster, bits 0–6 = 1 + the
    /// index of the fastest SIMD kernel in `Gemm.Kernel.simdKernels`.
    private static func encode(_ choice: Choice) -> UInt8 {
        UInt8(Gemm.Kernel.simdKernels.firstIndex(of: choice.fastestSIMD)! + 1) | (choice.blasFaster ? 0x80 : 0)
    }

    private static func decode(_ byte: UInt8) -> Choice {
        Choice(fastestSIMD: Gemm.Kernel.simdKernels[Int(byte & 0x7F) - 1], blasFaster: byte & 0x80 != 0)
    }

    /// The choice for this shape's class, or nil when it has not been planned yet.
    public func plannedChoice(m: Int, n: Int, k: Int, transposeA: Bool) -> Choice? {
        let byte = table[Self.classIndex(m: m, n: n, k: k, transposeA: transposeA)].load(ordering: .acquiring)
        return byte == 0 ? nil : Self.decode(byte)
    }

    /// The choice for this product's class; plans the class first (timing the candidates on
    /// these operands, C untouched) when it is new.
    public func choice(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
                       b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                       accumulate: Bool) -> Choice {
        let index = Self.classIndex(m: m, n: n, k: k, transposeA: transposeA)
        let byte = table[index].load(ordering: .acquiring)
        if byte != 0 { return Self.decode(byte) }
        lock.lock()
        defer { lock.unlock() }
        let again = table[index].load(ordering: .acquiring)
        if again != 0 { return Self.decode(again) }
        let record = measure(m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                             c: c, ldc: ldc, accumulate: accumulate)
        plannedRecords.append(record)
        table[index].store(Self.encode(record.choice), ordering: .releasing)
        return record.choice
    }

    /// Every class planned so far, in planning order.
    public var records: [Record] {
        lock.lock()
        defer { lock.unlock() }
        return plannedRecords
    }

    private func measure(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
                         b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                         accumulate: Bool) -> Record {
        // A scratch C (leading dimension n) holding C's values: accumulating candidates read
        // real data (no NaNs or denormals that would distort their time) and C stays as it was.
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: m * n)
        defer { scratch.deallocate() }
        for i in 0..<m { (scratch + i * n).initialize(from: c + i * ldc, count: n) }
        let kernels = Gemm.Kernel.allCases
        func time(_ kernel: Gemm.Kernel, repeats: Int) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats {
                Gemm.run(kernel, m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                         c: scratch, ldc: n, accumulate: accumulate)
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 / Double(repeats)
        }
        let planningStart = DispatchTime.now().uptimeNanoseconds
        var best = kernels.map { time($0, repeats: 1) } // also brings operands and code into cache
        let repeats = max(1, min(256, Int((minimumSeconds / max(best.min()!, 1e-9)).rounded(.up))))
        for round in 0..<rounds {
            for offset in kernels.indices {
                let i = (offset + round) % kernels.count // rotate who goes first
                best[i] = min(best[i], time(kernels[i], repeats: repeats))
            }
        }
        let timed = Array(zip(kernels, best))
        let simd = timed.filter { $0.0 != .blas }.min { $0.1 < $1.1 }!
        let blas = timed.first { $0.0 == .blas }!.1
        let choice = Choice(fastestSIMD: simd.0, blasFaster: blas < blasMargin * simd.1)
        return Record(transposeA: transposeA, m: m, n: n, k: k, seconds: timed.map { (kernel: $0.0, seconds: $0.1) },
                      choice: choice,
                      planningSeconds: Double(DispatchTime.now().uptimeNanoseconds - planningStart) * 1e-9)
    }
}
