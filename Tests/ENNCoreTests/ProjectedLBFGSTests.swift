import XCTest
import ENNCore

/// The bounded L-BFGS on problems whose constrained minimiser is known, with bounds active.
final class ProjectedLBFGSTests: XCTestCase {
    /// f = ½ xᵀAx − bᵀx with A symmetric positive definite and coupled, b chosen so that the
    /// box minimiser is `solution`: ∇f = 0 on the free variables, > 0 where x sits on its
    /// lower bound, < 0 on its upper bound (strict convexity makes that KKT point unique).
    func testBoundedQuadraticWithActiveBoundsReachesTheKKTPoint() {
        let n = 5
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n { a[i][j] = i == j ? 4 + Double(i) : 1 / Double(1 + i + j) }
        }
        let lower = [Double](repeating: -1, count: n), upper = [Double](repeating: 1, count: n)
        let solution = [-1, 0.3, 1, -0.2, 1.0]
        let gradientAtSolution = [2.0, 0, -1.5, 0, -0.5]  // > 0 at a lower bound, < 0 at an upper one
        let b = (0..<n).map { i -> Double in
            let product: Double = (0..<n).reduce(0) { $0 + a[i][$1] * solution[$1] }
            return product - gradientAtSolution[i]
        }
        func quadratic(_ x: [Double], _ g: inout [Double]) -> Double {
            var f = 0.0
            for i in 0..<n {
                let product: Double = (0..<n).reduce(0) { $0 + a[i][$1] * x[$1] }
                g[i] = product - b[i]
                f += 0.5 * x[i] * (g[i] - b[i])  // ½xᵀAx − bᵀx = ½ xᵀ(Ax − b) − ½ bᵀx
            }
            return f
        }
        var options = ProjectedLBFGS.Options()
        options.projectedGradientTolerance = 1e-12
        let result = ProjectedLBFGS(options: options).minimize(from: [0.9, -0.9, 0, 0.5, -3], lower: lower, upper: upper,
                                                                 objective: quadratic)
        for i in 0..<n {
            XCTAssertEqual(result.x[i], solution[i], accuracy: 1e-9,
                           "x[\(i)]: expected \(solution[i]), observed \(result.x[i]) (\(result.reason), \(result.iterations) iterations)")
        }
        XCTAssertEqual(result.reason, .gradientTolerance)
        XCTAssertLessThan(result.iterations, 30, "iterations")
        XCTAssertTrue(result.x.indices.allSatisfy { result.x[$0] >= lower[$0] && result.x[$0] <= upper[$0] }, "stays in the box")
    }

    /// Rosenbrock with a ≤ 0.5: for any a, b = a² is best, and (1 − a)² then wants a = 1, so the
    /// minimiser is (0.5, 0.25) with the bound on a active (∂f/∂a = −1 there).
    func testRosenbrockWithAnActiveUpperBound() {
        var options = ProjectedLBFGS.Options()
        options.maxIterations = 200
        options.projectedGradientTolerance = 1e-10
        let result = ProjectedLBFGS(options: options).minimize(from: [-1.2, 1], lower: [-2, -2], upper: [0.5, 2],
                                                                 objective: OptimizerTests.rosenbrock)
        XCTAssertEqual(result.x[0], 0.5, accuracy: 1e-12, "a on its bound (\(result.reason))")
        XCTAssertEqual(result.x[1], 0.25, accuracy: 1e-8, "b = a² (\(result.reason), \(result.iterations) iterations)")
        XCTAssertEqual(result.f, 0.25, accuracy: 1e-10)
        XCTAssertLessThanOrEqual(result.projectedGradient, 1e-10)
    }

    /// With bounds that do not bind, it is plain L-BFGS: Rosenbrock's minimiser (1, 1).
    func testRosenbrockWithInactiveBoundsReachesTheUnconstrainedMinimum() {
        var options = ProjectedLBFGS.Options()
        options.maxIterations = 200
        let result = ProjectedLBFGS(options: options).minimize(from: [-1.2, 1], lower: [-5, -5], upper: [5, 5],
                                                                 objective: OptimizerTests.rosenbrock)
        XCTAssertLessThanOrEqual(result.f, 1e-12, "f (\(result.reason), \(result.iterations) iterations)")
        XCTAssertEqual(result.x[0], 1, accuracy: 1e-6)
        XCTAssertEqual(result.x[1], 1, accuracy: 1e-6)
    }

    /// A start outside the box is projected first; a start at the minimiser stops at once;
    /// a NaN objective is reported; the evaluation budget is respected.
    func testStartProjectionStopsAndBudget() {
        func distance(_ x: [Double], _ g: inout [Double]) -> Double {
            g[0] = 2 * (x[0] - 3); g[1] = 2 * (x[1] + 3)
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 3) * (x[1] + 3)
        }
        let boxed = ProjectedLBFGS().minimize(from: [10, 10], lower: [-1, -1], upper: [1, 1], objective: distance)
        XCTAssertEqual(boxed.x, [1, -1], "the corner nearest (3, −3)")
        XCTAssertEqual(boxed.reason, .gradientTolerance)
        let atSolution = ProjectedLBFGS().minimize(from: [1, -1], lower: [-1, -1], upper: [1, 1], objective: distance)
        XCTAssertEqual(atSolution.iterations, 0)
        XCTAssertEqual(atSolution.evaluations, 1)
        let nan = ProjectedLBFGS().minimize(from: [0], lower: [-1], upper: [1]) { _, g in g[0] = 0; return .nan }
        XCTAssertEqual(nan.reason, .nonFiniteObjective)
        var options = ProjectedLBFGS.Options()
        options.maxEvaluations = 7
        var calls = 0
        let limited = ProjectedLBFGS(options: options).minimize(from: [-1.2, 1], lower: [-2, -2], upper: [2, 2]) { x, g in
            calls += 1
            return OptimizerTests.rosenbrock(x, &g)
        }
        XCTAssertEqual(limited.reason, .maxEvaluations)
        XCTAssertLessThanOrEqual(calls, 7)
        XCTAssertEqual(limited.evaluations, calls)
    }
}
