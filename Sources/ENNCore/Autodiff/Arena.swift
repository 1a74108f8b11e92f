/// A slot allocator of Double buffers that are reused from one tape pass to the next.
///
/// A training iteration records the same sequence of operations every time, so the n-th
/// allocation of a pass asks for the same size as the n-th of the previous pass: slot n is
/// kept and handed out again (grown if a later pass needs more). `reset()` starts a pass;
/// no memory is freed until the arena is.
final class Arena {
    private var slots: [(pointer: UnsafeMutablePointer<Double>, capacity: Int)] = []
    private var next = 0

    /// Uninitialised storage for `count` doubles, valid until the next `reset()`.
    func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        let n = max(count, 1)
        if next < slots.count {
            if slots[next].capacity < n {
                slots[next].pointer.deallocate()
                slots[next] = (.allocate(capacity: n), n)
            }
        } else {
            slots.append((.allocate(capacity: n), n))
        }
        next += 1
        return slots[next - 1].pointer
    }

    /// Zero-filled storage for `count` doubles.
    func allocateZeroed(_ count: Int) -> UnsafeMutablePointer<Double> {
        let p = allocate(count)
        p.initialize(repeating: 0, count: count)
        return p
    }

    func reset() { next = 0 }

    /// Bytes held (for memory accounting in benchmarks).
    var bytesReserved: Int { slots.reduce(0) { $0 + $1.capacity } * MemoryLayout<Double>.stride }

    deinit { for s in slots { s.pointer.deallocate() } }
}
