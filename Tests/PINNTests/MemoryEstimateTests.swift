import Foundation
import PINN
import XCTest

/// The memory estimate made before anything large is allocated (issue 11, item 4): it counts
/// what the run will hold, refuses sizes beyond the machine, and stays finite where the
/// products overflow Int.
final class MemoryEstimateTests: XCTestCase {
    /// A machine with 16 GB available of 32 GB, so the tests do not depend on this one.
    let machine = MachineMemory(available: 16e9, total: 32e9)

    func testItemsAddUpAndTheBaseProblemFits() throws {
        let problem = try ProblemFixture.load(ProblemFixture.base)
        let estimate = MemoryEstimate(problem: problem, threads: 2)
        XCTAssertEqual(estimate.totalBytes, estimate.items.reduce(0) { $0 + $1.bytes })
        XCTAssertNoThrow(try estimate.refuseIfTooLarge(machine: machine))
        // (2 + 1)·16 + (16 + 1)·16 + (16 + 1)·1 = 337 parameters, 4 copies of 8 bytes.
        XCTAssertEqual(MemoryEstimate.parameterCount(problem), 337)
        XCTAssertEqual(estimate.items.first { $0.name == "parameters" }?.bytes, 4 * 8 * 337)
        // 11 × 11 grid points × (2·2 inputs + 5·1 outputs) doubles.
        XCTAssertEqual(estimate.items.first { $0.name == "output grid" }?.bytes, 8 * 121 * 9)
        XCTAssertLessThan(estimate.totalBytes, 50e6, "a 337-parameter problem on 100 points: \(estimate.lines(machine: machine))")
    }

    /// The count the estimate assumes is the one the trainer builds (network, embedded
    /// functions, unknowns).
    func testParameterCountMatchesTheTrainer() throws {
        for text in [ProblemFixture.base,
                     ProblemFixture.variant([("\"activation\": \"tanh\"}", "\"activation\": \"tanh\", \"fourier\": {\"features\": 8}}")])] {
            let problem = try ProblemFixture.load(text)
            let trainer = try Trainer(problem: problem, seed: 0, threads: 1)
            XCTAssertEqual(MemoryEstimate.parameterCount(problem), Double(trainer.parameterCount))
        }
    }

    /// 10¹² interior points: refused with the file, the estimate and the machine's memory.
    func testTenToTheTwelveInteriorPointsAreRefused() throws {
        let problem = try ProblemFixture.load(ProblemFixture.variant([("\"interior\": 100", "\"interior\": 1000000000000")]))
        let estimate = MemoryEstimate(problem: problem, threads: 2)
        // 10¹² points × (2 inputs + 1 output) doubles = 24 TB.
        XCTAssertEqual(estimate.items.first { $0.name == "collocation points" }!.bytes, 24e12, accuracy: 1e9)
        XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: machine)) { error in
            let text = "\(error)"
            for part in [ProblemFixture.file, "24.0 TB", "collocation points", "16.0 GB available of 32.0 GB"] {
                XCTAssertTrue(text.contains(part), "«\(part)» missing from: \(text)")
            }
        }
    }

    /// A 100 000 × 100 000 network is refused by the trainer before the network is built
    /// (building it would ask for 80 GB of parameters at once).
    func testHugeNetworkIsRefusedBeforeItIsBuilt() throws {
        let problem = try ProblemFixture.load(ProblemFixture.variant([("[16, 16]", "[100000, 100000]")]))
        XCTAssertEqual(MemoryEstimate.parameterCount(problem), 3 * 100_000 + 100_001 * 100_000 + 100_001)
        let start = Date()
        XCTAssertThrowsError(try Trainer(problem: problem, seed: 0, threads: 2)) { error in
            XCTAssertTrue("\(error)".contains("needs about"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    /// A 100 000² output grid: 10¹⁰ points × 9 doubles = 720 GB for the fields alone.
    func testHugeOutputGridIsRefused() throws {
        let problem = try ProblemFixture.load(ProblemFixture.variant([("{\"x\": 11, \"t\": 11}", "{\"x\": 100000, \"t\": 100000}")]))
        let estimate = MemoryEstimate(problem: problem, threads: 2)
        XCTAssertEqual(estimate.items.first { $0.name == "output grid" }!.bytes, 720e9, accuracy: 1e6)
        XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: machine))
    }

    /// Sizes whose product overflows Int (10¹⁰ × 10¹⁰ grid, 2⁶² points with an 8× RAD pool)
    /// give a finite estimate and a refusal, not a trap.
    func testProductsBeyondIntAreRefusedNotTrapped() throws {
        let text = ProblemFixture.variant([
            ("{\"x\": 11, \"t\": 11}", "{\"x\": 10000000000, \"t\": 10000000000}"),
            ("\"interior\": 100,", "\"interior\": 4611686018427387904, \"resample_every\": 10, \"rad\": {},"),
        ])
        let problem = try ProblemFixture.load(text)
        XCTAssertEqual(problem.radCandidates, Int.max, "8 × 2⁶² saturates")
        let estimate = MemoryEstimate(problem: problem, threads: 2)
        XCTAssertTrue(estimate.totalBytes.isFinite && estimate.totalBytes > 1e20, "\(estimate.totalBytes)")
        XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: machine))
    }

    /// Levenberg–Marquardt on 181 801 parameters: 3 P² doubles (JᵀJ, its factor, a second
    /// thread's sum) = 793 GB.
    func testLevenbergMarquardtMatricesAreCounted() throws {
        let problem = try ProblemFixture.load(ProblemFixture.variant([
            ("[16, 16]", "[300, 300, 300]"),
            ("{\"optimizer\": \"adam\", \"iterations\": 10, \"lr\": 1e-3}", "{\"optimizer\": \"lm\", \"iterations\": 10}"),
        ]))
        let p = MemoryEstimate.parameterCount(problem)
        let estimate = MemoryEstimate(problem: problem, threads: 2)
        XCTAssertEqual(estimate.items.first { $0.name == "optimizer state" }!.bytes, 8 * (3 * p * p + 2 * 512 * p))
        XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: machine))
    }

    /// A spectral reference asking for 10⁹ modes is counted (24 N + nx·N doubles for
    /// Burgers' ETDRK4 buffers and its evaluation matrix), also for `pinn-solve reference`.
    func testSpectralReferenceResolutionIsCounted() throws {
        let text = ProblemFixture.variant([
            ("\"parameters\": {\"alpha\": 0.1}", "\"parameters\": {\"nu\": 0.01}"),
            ("\"heat\": \"u_t - alpha*u_xx\"", "\"burgers\": \"u_t + u*u_x - nu*u_xx\""),
            ("{\"kind\": \"analytic\", \"fields\": {\"u\": \"exp(-alpha*pi^2*t)*sin(pi*x)\"}}",
             "{\"kind\": \"spectral\", \"solver\": \"burgers\", \"modes\": 1000000000}"),
        ])
        let problem = try ProblemFixture.load(text)
        for estimate in [MemoryEstimate(problem: problem, threads: 1), MemoryEstimate(referenceOf: problem, method: .file)] {
            let solver = try XCTUnwrap(estimate.items.first { $0.name == "reference solver" })
            XCTAssertEqual(solver.bytes, 8 * (24 + 11) * 1e9, accuracy: 1e6)
            XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: machine))
        }
    }

    /// 10¹² Adam iterations would keep a history row each: 10¹² × ((3 terms + total) × 8 + 32 B).
    func testLossHistoryOfEveryIterationIsCounted() throws {
        let problem = try ProblemFixture.load(ProblemFixture.variant([("\"iterations\": 10,", "\"iterations\": 1000000000000,")]))
        let estimate = MemoryEstimate(problem: problem, threads: 1)
        XCTAssertEqual(problem.lossTerms.count, 3)
        XCTAssertEqual(estimate.items.first { $0.name == "loss history" }!.bytes, 1e12 * (4 * 8 + 32))
        XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: machine))
    }

    /// A NaN or infinite estimate is refused too (the comparison is written so).
    func testAnUnboundedEstimateIsRefused() throws {
        let problem = try ProblemFixture.load(ProblemFixture.base)
        let estimate = MemoryEstimate(problem: problem, threads: 1)
        XCTAssertThrowsError(try estimate.refuseIfTooLarge(machine: MachineMemory(available: 0, total: 0)))
    }

    /// /proc/meminfo is read (on Linux): available ≤ total, both positive.
    func testMachineMemoryIsRead() {
        let m = MachineMemory.current()
        XCTAssertGreaterThan(m.available, 0)
        XCTAssertLessThanOrEqual(m.available, m.total)
    }
}
