import Synchronization

/// The plan's choices as plain values, for checkpoints. Which kernel runs a product decides
/// its last bits (the SIMD tiles round alike, OpenBLAS differently), and the plan is made by
/// timing, so a resumed run adopts the choices of the run it continues before anything is
/// timed again; shape classes first met after the checkpoint are still planned by timing.
extension GemmPlan {
    /// Every planned shape class: its index and its encoded choice (nonzero).
    public var plannedEntries: [(shapeClass: Int, choice: UInt8)] {
        (0..<tableCount).compactMap { i in
            let byte = table[i].load(ordering: .acquiring)
            return byte == 0 ? nil : (i, byte)
        }
    }

    /// Sets the given classes' choices (replacing any made here). Returns false, changing
    /// nothing, when an entry is not a valid class index and choice.
    @discardableResult
    public func adopt(_ entries: [(shapeClass: Int, choice: UInt8)]) -> Bool {
        let kernels = UInt8(Gemm.Kernel.simdKernels.count)
        guard entries.allSatisfy({ (0..<tableCount).contains($0.shapeClass) && (1...kernels).contains($0.choice & 0x7F) })
        else { return false }
        for e in entries { table[e.shapeClass].store(e.choice, ordering: .releasing) }
        return true
    }
}
