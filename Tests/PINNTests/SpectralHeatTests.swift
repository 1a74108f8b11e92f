import Foundation
import XCTest
import PINN

/// Mode-exact heat solvers against closed-form solutions.
final class SpectralHeatTests: XCTestCase {
    let pi = Double.pi

    func testDirichlet1DMatchesExactModes() {
        // u₀ = Σ b_m sin(mπ(x − a)/L) on [a, b] = [−1, 2]; u = Σ b_m e^{−α(mπ/L)² t} sin(...).
        let (a, b, alpha) = (-1.0, 2.0, 0.3)
        let modes: [(Int, Double)] = [(1, 1), (3, 0.5), (7, -0.25)]
        func exact(_ x: Double, _ t: Double) -> Double {
            modes.map { m, c in
                let k = Double(m) * pi / (b - a)
                return c * exp(-alpha * k * k * t) * sin(k * (x - a))
            }.reduce(0, +)
        }
        let heat = SpectralHeat1D(alpha: alpha, lower: a, upper: b, boundary: .dirichlet, points: 64) { exact($0, 0) }
        let x = referenceLinspace(a, b, 101), t = [0, 0.1, 0.5, 1, 3]
        let expected = t.flatMap { tj in x.map { exact($0, tj) } }
        assertReferenceMaxError(heat.grid(x: x, t: t), expected, tolerance: 1e-12, "1-D Dirichlet heat vs exact modes")
        let solverGrid = heat.solverGrid
        XCTAssertEqual(solverGrid.count, 63)
        assertReferenceMaxError(heat.valuesOnSolverGrid(t: 0.5), solverGrid.map { exact($0, 0.5) }, tolerance: 1e-12,
                                "1-D Dirichlet heat on the solver grid")
    }

    func testPeriodic1DMatchesExactModes() {
        // Period 2 on [0, 2): u = 1 + e^{−απ²t} cos πx + 0.3 e^{−9απ²t} sin 3πx + 0.1 e^{−α(16π)²t} cos 16πx.
        let alpha = 0.05
        func exact(_ x: Double, _ t: Double) -> Double {
            1 + exp(-alpha * pi * pi * t) * cos(pi * x) + 0.3 * exp(-9 * alpha * pi * pi * t) * sin(3 * pi * x)
                + 0.1 * exp(-alpha * 256 * pi * pi * t) * cos(16 * pi * x)
        }
        let heat = SpectralHeat1D(alpha: alpha, lower: 0, upper: 2, boundary: .periodic, points: 32) { exact($0, 0) }
        let x = referenceLinspace(-0.5, 2.5, 97), t = [0, 0.01, 0.2, 1]
        let expected = t.flatMap { tj in x.map { exact($0, tj) } }
        assertReferenceMaxError(heat.grid(x: x, t: t), expected, tolerance: 1e-12, "1-D periodic heat vs exact modes")
        assertReferenceMaxError(heat.valuesOnSolverGrid(t: 0.2), heat.solverGrid.map { exact($0, 0.2) }, tolerance: 1e-12,
                                "1-D periodic heat on the solver grid")
    }

    /// ANCHORS.md multiscale heat: u_t = u_xx/(500π)² + u_yy/π² on [0,1]², u = 0 on the
    /// boundary, u₀ = sin(20πx) sin(πy): u = e^{−λt} sin(20πx) sin(πy), λ = 400/500² + 1.
    func testMultiscaleDirichlet2D() {
        let lambda = 400.0 / (500 * 500) + 1
        let heat = SpectralHeat2D(alphaX: 1 / pow(500 * pi, 2), alphaY: 1 / (pi * pi), x: (0, 1), y: (0, 1),
                                  pointsX: 64, pointsY: 16) { x, y in sin(20 * pi * x) * sin(pi * y) }
        let x = referenceLinspace(0, 1, 101), y = referenceLinspace(0, 1, 51), t = [0, 0.5, 1, 5]
        let expected = t.flatMap { tk in y.flatMap { yj in x.map { exp(-lambda * tk) * sin(20 * pi * $0) * sin(pi * yj) } } }
        assertReferenceMaxError(heat.grid(x: x, y: y, t: t), expected, tolerance: 1e-12, "2-D multiscale heat vs exact")
        let (gx, gy) = (heat.solverGridX, heat.solverGridY)
        let onGrid = gy.flatMap { yj in gx.map { exp(-lambda) * sin(20 * pi * $0) * sin(pi * yj) } }
        assertReferenceMaxError(heat.valuesOnSolverGrid(t: 1), onGrid, tolerance: 1e-12, "2-D multiscale heat on the solver grid")
    }

    /// Periodic × periodic and periodic × Dirichlet, anisotropic, on non-unit boxes.
    func testPeriodicAndMixed2D() {
        let (ax, ay) = (0.2, 0.01)
        // Periodic [0, 2π) × [0, 1): 0.5 + cos 2x sin 6πy decays at αx·4 + αy·36π².
        func periodic(_ x: Double, _ y: Double, _ t: Double) -> Double {
            0.5 + exp(-(ax * 4 + ay * 36 * pi * pi) * t) * cos(2 * x) * sin(6 * pi * y)
        }
        let p = SpectralHeat2D(alphaX: ax, alphaY: ay, x: (0, 2 * pi), y: (0, 1), boundaryX: .periodic, boundaryY: .periodic,
                               pointsX: 16, pointsY: 32) { periodic($0, $1, 0) }
        let x = referenceLinspace(0, 2 * pi, 33), y = referenceLinspace(0, 1, 21), t = [0, 0.3, 2]
        let expected = t.flatMap { tk in y.flatMap { yj in x.map { periodic($0, yj, tk) } } }
        assertReferenceMaxError(p.grid(x: x, y: y, t: t), expected, tolerance: 1e-12, "2-D periodic heat vs exact")
        // x periodic on [−1, 1), y Dirichlet on [0, 3]: sin(πx) sin(2πy/3).
        func mixed(_ x: Double, _ y: Double, _ t: Double) -> Double {
            exp(-(ax * pi * pi + ay * 4 * pi * pi / 9) * t) * sin(pi * x) * sin(2 * pi * y / 3)
        }
        let m = SpectralHeat2D(alphaX: ax, alphaY: ay, x: (-1, 1), y: (0, 3), boundaryX: .periodic, boundaryY: .dirichlet,
                               pointsX: 16, pointsY: 16) { mixed($0, $1, 0) }
        let xm = referenceLinspace(-1, 1, 41), ym = referenceLinspace(0, 3, 31)
        let expectedMixed = t.flatMap { tk in ym.flatMap { yj in xm.map { mixed($0, yj, tk) } } }
        assertReferenceMaxError(m.grid(x: xm, y: ym, t: t), expectedMixed, tolerance: 1e-12, "2-D periodic × Dirichlet heat vs exact")
    }

    /// The heat reference through a problem file, with the inputs listed as ["x", "y", "t"] and
    /// as ["y", "x", "t"]: the field comes out in the grid's layout [t, y, x] (x, y, z by name)
    /// both times, against the exact mode e^{−5π²αt} sin(πx) sin(2πy). (With y listed first
    /// the solver's fast axis was y, and the field came out transposed: error 2.75.)
    func testHeatReferenceInEitherInputOrder() throws {
        let alpha = 0.05
        for inputs in [#"["x", "y", "t"]"#, #"["y", "x", "t"]"#] {
            let problem = try ProblemFixture.load(#"""
                {"schema": 1, "name": "heat", "inputs": \#(inputs), "outputs": ["u"], "parameters": {"alpha": "\#(alpha)"},
                 "domain": {"x": [0, 1], "y": [0, 1], "t": [0, 1]}, "pde": {"heat": "u_t - alpha*(u_xx + u_yy)"},
                 "conditions": [{"name": "initial", "kind": "initial", "value": "sin(pi*x)*sin(2*pi*y)"},
                                {"name": "walls", "kind": "dirichlet", "side": ["left", "right", "bottom", "top"], "value": 0}],
                 "network": {"hidden": [8], "activation": "tanh"}, "points": {"interior": 64},
                 "training": [{"optimizer": "adam", "iterations": 1, "lr": 1e-3}],
                 "reference": {"kind": "spectral", "solver": "heat"}, "output": {"grid": {"x": 21, "y": 13, "t": 4}}}
                """#)
            let grid = OutputGrid(problem: problem)
            XCTAssertEqual(grid.axisOrder, ["t", "y", "x"])
            let u = try XCTUnwrap(try ReferenceEvaluator.evaluate(problem, on: grid)["u"])
            let (points, n) = (grid.points(), problem.inputs.count)
            let (ix, iy, it) = (problem.inputs.firstIndex(of: "x")!, problem.inputs.firstIndex(of: "y")!, problem.inputs.firstIndex(of: "t")!)
            let exact = (0..<grid.count).map { p in
                exp(-5 * pi * pi * alpha * points[p * n + it]) * sin(pi * points[p * n + ix]) * sin(2 * pi * points[p * n + iy])
            }
            assertReferenceMaxError(u, exact, tolerance: 1e-10, "2-D heat reference, inputs \(inputs)")
        }
    }
}
