import CSupport
import Foundation

/// The ranks of a data-parallel run and the one reduction training needs: a sum over ranks
/// in a fixed rank order.
///
/// MPI is found at run time (CSupportMPI.h): launched by Open MPI's `mpirun`, the process
/// opens libmpi.so.40 and joins MPI_COMM_WORLD; otherwise `world` is a single rank and no
/// MPI code runs. Under mpirun without a usable Open MPI the process says why and exits 2.
///
/// Why an all-gather and not MPI_Allreduce: Allreduce may add the ranks' vectors in any
/// order (the algorithm depends on the message size and the network), so its last bits are
/// not reproducible, and the standard does not even require every rank to get the same
/// bits. Gathering every rank's vector and adding them rank 0, 1, … on every rank gives the
/// same bits on every rank and in every run with the same rank count, so every rank's
/// optimizer takes identical steps without broadcasting θ. The price is (R − 1)·n doubles
/// received per rank instead of about 2n, the same for R = 2; for many ranks a fixed-order
/// tree would be the next step.
public final class Communicator: @unchecked Sendable {
    /// The process's ranks: MPI_COMM_WORLD under mpirun, else one rank.
    public static let world = Communicator.start()

    public let rank: Int
    public let size: Int
    public var isRoot: Bool { rank == 0 }
    public var isDistributed: Bool { size > 1 }
    /// Seconds spent in the sums so far (main thread only; for benchmarks and reports).
    public private(set) var communicationSeconds = 0.0
    /// Set by the first training sum (`sum`, `sumNormalEquations`) in which some rank had a stop
    /// requested (SIGINT/SIGTERM, `csupport_stop_requested`): every rank learns it from the same
    /// sum, so all ranks stop after the same iteration and rank 0's checkpoint holds the state
    /// of all of them. `clearStop` resets it.
    public private(set) var stopAgreed = false
    /// What rank 0 adds to its message when it gives up waiting for the other ranks (the last
    /// checkpoint and how to resume); set by the command that trains.
    public var abandonNote: (() -> String)?

    /// How long a rank that has received SIGINT or SIGTERM waits in a sum for the other ranks
    /// before it concludes that one of them is gone: 0.4 s plus 1.5 × the longest time this
    /// rank has spent between two sums. When a rank dies, Open MPI sends SIGTERM to every other
    /// rank and SIGKILL 1 s later (odls_base_sigkill_timeout), so the message must come soon;
    /// after Ctrl-C of mpirun the ranks that are alive reach the sum within one evaluation of
    /// their share, about the time between sums, and must not be given up on (with a longer
    /// odls_base_sigkill_timeout, a problem of slow iterations still stops gracefully).
    var patienceAfterStopSignal: Double { 0.4 + 1.5 * longestGapBetweenSums }
    private var longestGapBetweenSums = 0.0
    private var lastSumEnd: UInt64?

    /// Doubles gathered at once (all ranks' pieces together): bounds the receive buffer to
    /// 32 MB whatever the vector (JᵀJ of a large network is P²/2 doubles).
    static let gatherBudget = 1 << 22

    private init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
    }

    /// A single-rank communicator (tests of the slicing logic).
    public static func single() -> Communicator { Communicator(rank: 0, size: 1) }

    private static func start() -> Communicator {
        var rank: Int32 = 0, size: Int32 = 1
        var error = [CChar](repeating: 0, count: 1024)
        let status = csupport_mpi_start(&rank, &size, &error, Int32(error.count))
        if status < 0 {
            let message = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            FileHandle.standardError.write(Data(("pinn-solve: " + message + "\n").utf8))
            exit(2)
        }
        return Communicator(rank: Int(rank), size: Int(size))
    }

    /// This rank's contiguous share of `count` items: [count·r/R, count·(r+1)/R).
    public func share(of count: Int) -> Range<Int> {
        (count * rank / size)..<(count * (rank + 1) / size)
    }

    /// Replaces `buffer` on every rank by Σ_r buffer_r, added in rank order 0, 1, …, R − 1
    /// (identical bits on every rank). A no-op on one rank. Collective: every rank must call
    /// it with the same count.
    ///
    /// The first `agreeing` entries are not summed but checked: they must be bitwise equal on
    /// every rank (a fingerprint of state every rank holds a copy of), else the job ends with
    /// `disagreement` as its message.
    public func sumInRankOrder(_ buffer: UnsafeMutableBufferPointer<Double>, agreeing: Int = 0,
                               disagreement: @autoclosure () -> String = "") {
        guard size > 1, buffer.count > 0 else { return }
        precondition(agreeing <= min(buffer.count, Communicator.gatherBudget / size),
                     "Communicator.sumInRankOrder: \(agreeing) agreeing entries of \(buffer.count)")
        let start = DispatchTime.now().uptimeNanoseconds
        if let lastSumEnd { longestGapBetweenSums = max(longestGapBetweenSums, Double(start - lastSumEnd) * 1e-9) }
        defer { lastSumEnd = DispatchTime.now().uptimeNanoseconds }
        let segment = max(1, Communicator.gatherBudget / size)
        let gathered = UnsafeMutableBufferPointer<Double>.allocate(capacity: size * min(segment, buffer.count))
        defer { gathered.deallocate() }
        var offset = 0
        while offset < buffer.count {
            let n = min(segment, buffer.count - offset)
            let base = buffer.baseAddress! + offset
            let code = csupport_mpi_allgather_doubles(base, gathered.baseAddress!, Int32(n), patienceAfterStopSignal)
            if code == CSUPPORT_MPI_ABANDONED { abandon() }
            if code != 0 { fail("MPI_Iallgather of \(n) doubles failed with code \(code)") }
            let checked = offset == 0 ? agreeing : 0
            for r in 0..<size {
                let piece = gathered.baseAddress! + r * n
                for i in 0..<checked where piece[i].bitPattern != base[i].bitPattern {
                    fail("rank \(r) disagrees with this rank: " + disagreement())
                }
            }
            (base + checked).update(from: gathered.baseAddress! + checked, count: n - checked)
            for r in 1..<size {
                let piece = gathered.baseAddress! + r * n
                for i in checked..<n { base[i] += piece[i] }
            }
            offset += n
        }
        communicationSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    }

    /// `sumInRankOrder` of an array.
    public func sumInRankOrder(_ values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { sumInRankOrder($0) }
    }

    /// Resets `stopAgreed` (a later training in the same process starts unstopped).
    public func clearStop() { stopAgreed = false }

    /// Records whether any rank requested a stop, from the summed stop flags of a training sum.
    /// Every rank then also skips MPI_Finalize at exit: under mpirun a stop signal means Open
    /// MPI is ending the job, and MPI_Finalize would wait for that until SIGKILL (measured:
    /// Ctrl-C of mpirun, the ranks wrote and ended 1.03 s after it instead of 2.02 s).
    func agreeOnStop(summedFlags: Double) {
        guard summedFlags > 0 else { return }
        stopAgreed = true
        csupport_mpi_skip_finalize()
    }

    /// This rank's stop flag as a summand (0 or 1).
    static var localStopFlag: Double { csupport_stop_requested() != 0 ? 1 : 0 }

    /// Ends this rank after a stop signal when the other ranks did not come to a sum: under
    /// mpirun that signal is Open MPI ending the job, because a rank died or mpirun itself was
    /// interrupted. Rank 0 says so (mpirun names a dead rank) with what the caller's
    /// `abandonNote` adds; the others end silently. No MPI call: the collective can no longer
    /// complete, and MPI_Finalize would wait for the dead rank.
    private func abandon() -> Never {
        let signal = csupport_stop_signal()
        if isRoot {
            let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
            let message = "pinn-solve: rank 0 of \(size): \(name) arrived while this rank waited for the others in a sum over "
                + "ranks, and they did not come within \(String(format: "%.1f", patienceAfterStopSignal)) s: mpirun is ending the job, "
                + "because a rank died (mpirun's message names it) or mpirun was interrupted"
                + (abandonNote.map { "; " + $0() } ?? "") + "\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
        _exit(128 + (signal == 0 ? SIGTERM : signal))
    }

    /// Ends every rank of the job (MPI_Abort) after printing `message` on this one.
    public func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("pinn-solve: rank \(rank) of \(size): " + message + "\n").utf8))
        csupport_mpi_abort(1)
        exit(1)
    }
}
