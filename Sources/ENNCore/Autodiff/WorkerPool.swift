import Foundation
import Synchronization
import CSupport

/// Persistent worker threads that run one job on every thread index and return when all
/// are done: the fork–join of `ParallelLossEvaluator`.
///
/// Why not `DispatchQueue.concurrentPerform`: it wakes a sleeping worker for every call,
/// and on this 2-core VM the worker starts ~45 µs after the caller (a standalone loop of
/// `concurrentPerform(iterations: 2)` over a 244 µs job: 290 µs median per call), 4 % of a
/// 1 ms training iteration. Here the workers poll a
/// generation counter for a while after each job, so back-to-back evaluations start at
/// once; the polling yields the core to any other runnable thread (see `pause`), and after
/// `spinLimit` without work the workers sleep on a condition variable, so an idle pool
/// costs nothing.
final class WorkerPool: @unchecked Sendable {
    /// Thread 0 is the caller; 1 ..< threadCount are the workers.
    let threadCount: Int
    /// How long an idle worker polls before it sleeps.
    static let spinLimit: Duration = .milliseconds(2)

    private let generation = Atomic<Int>(0)
    private let pending = Atomic<Int>(0)
    private let shuttingDown = Atomic<Bool>(false)
    private let condition = NSCondition()
    private var sleepers = 0 // guarded by `condition`
    // Written by the caller before `generation` is bumped (release), read by workers after
    // they see the new generation (acquire); cleared after all workers are done.
    private var job: ((Int) -> Void)?

    init(threads: Int) {
        precondition(threads >= 1, "WorkerPool: threads must be ≥ 1, got \(threads)")
        threadCount = threads
        for index in 1..<threads {
            let thread = Thread { [self] in workerLoop(index: index) }
            thread.name = "ENNCore worker \(index)"
            thread.start()
        }
    }

    /// Stops the workers (they hold the pool, so the owner must call this).
    func shutdown() {
        shuttingDown.store(true, ordering: .releasing)
        generation.add(1, ordering: .releasing)
        condition.lock(); condition.broadcast(); condition.unlock()
    }

    /// Runs `body(t)` for t in 0 ..< threads (≤ threadCount), t = 0 on the calling thread,
    /// and returns when every call has returned. Not reentrant.
    func run(threads: Int, _ body: (Int) -> Void) {
        precondition(threads >= 1 && threads <= threadCount, "WorkerPool.run: \(threads) threads of \(threadCount)")
        if threads == 1 { body(0); return }
        withoutActuallyEscaping(body) { body in
            job = { t in if t < threads { body(t) } }
            pending.store(threadCount - 1, ordering: .relaxed)
            generation.add(1, ordering: .releasing)
            condition.lock()
            if sleepers > 0 { condition.broadcast() }
            condition.unlock()
            body(0)
            var polls = 0
            while pending.load(ordering: .acquiring) > 0 { Self.pause(&polls) }
            job = nil
        }
    }

    private func workerLoop(index: Int) {
        var seen = 0 // the generation at init, not a fresh load: a job may be posted before this thread starts
        while true {
            seen = waitForNewGeneration(after: seen)
            if shuttingDown.load(ordering: .acquiring) { return }
            job!(index)
            pending.subtract(1, ordering: .releasing)
        }
    }

    /// One step of a wait loop: a few `pause`s first (a job or a worker that is about to
    /// finish is seen within nanoseconds), then `sched_yield`, which hands the core to any
    /// other runnable thread: with more threads than cores (two 2-thread runs on 2 cores),
    /// pure spinning made each run 1.8× slower than `concurrentPerform` (3.89–3.97 vs
    /// 2.17–2.23 ms per A iteration); with this wait 1.80–1.86 ms (results/README.md).
    @inline(__always)
    private static func pause(_ polls: inout Int) {
        polls += 1
        if polls < 256 { csupport_cpu_relax() } else { sched_yield() }
    }

    private func waitForNewGeneration(after seen: Int) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.spinLimit
        var polls = 0
        while true {
            let current = generation.load(ordering: .acquiring)
            if current != seen { return current }
            if polls % 64 == 63 && clock.now >= deadline { break }
            Self.pause(&polls)
        }
        condition.lock()
        sleepers += 1
        while generation.load(ordering: .acquiring) == seen { condition.wait() }
        sleepers -= 1
        condition.unlock()
        return generation.load(ordering: .acquiring)
    }
}
