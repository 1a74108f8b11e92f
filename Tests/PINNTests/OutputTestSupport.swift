import Foundation
import XCTest

import PINN

// Scratch directories: `IOScratchDirectory` in IOTestSupport.swift.

// evenlySpaced and assertSameValues live in IOTestSupport.swift.

/// Small fake results shaped like real runs.
enum FakeResults {
    /// Burgers: inputs [x, t], fields [nt, nx], a reference, two stages of loss history.
    static func burgers(nx: Int = 16, nt: Int = 5, iterations: Int = 12) -> SolveResult {
        let x = evenlySpaced(-1, 1, nx), t = evenlySpaced(0, 1, nt)
        var field: [Double] = [], reference: [Double] = []
        for tv in t {
            for xv in x {
                let exact = -sin(Double.pi * xv) * exp(-tv)
                reference.append(exact)
                field.append(exact + 1e-3 * xv * tv)   // distinguishable along both axes
            }
        }
        let columns = ["pde", "initial", "left", "right"]
        let history = (0..<iterations).map { i in columns.indices.map { c in Double(c + 1) / Double(i + 1) } }
        return SolveResult(
            name: "burgers",
            problemText: #"{"schema": 1, "name": "burgers", "inputs": ["x", "t"], "note": "ü ∂u/∂t"}"#,
            seed: 1234, version: "0.1.0-test", wallSeconds: 12.75,
            inputs: ["x", "t"], timeInput: "t", grid: ["x": x, "t": t], outputs: ["u"],
            fields: ["u": field], reference: ["u": reference],
            lossColumns: columns, lossHistory: history,
            parameters: (0..<41).map { sin(Double($0)) },
            relativeL2: ["u": 2.5e-3],
            extraAttributes: ["stage_count": 2, "adam_iterations": 10])
    }

    /// A time-dependent 2-D problem: inputs [x, y, t], outputs u, v, p on [nt, ny, nx]
    /// (nx != ny so axis swaps show); u and v have references, p does not.
    static func flow2D(nx: Int = 6, ny: Int = 4, nt: Int = 3) -> SolveResult {
        let x = evenlySpaced(0, 2 * .pi, nx), y = evenlySpaced(0, .pi, ny), t = evenlySpaced(0, 1, nt)
        var u: [Double] = [], v: [Double] = [], p: [Double] = []
        for (it, tv) in t.enumerated() {
            for (iy, yv) in y.enumerated() {
                for (ix, xv) in x.enumerated() {
                    u.append(-cos(xv) * sin(yv) * exp(-tv))
                    v.append(sin(xv) * cos(yv) * exp(-tv))
                    p.append(Double(100 * it + 10 * iy + ix))   // encodes its own index
                }
            }
        }
        let wobble: ([Double]) -> [Double] = { $0.enumerated().map { $0.element + 1e-4 * Double($0.offset % 5) } }
        return SolveResult(
            name: "flow2d", problemText: #"{"schema": 1, "name": "flow2d"}"#,
            seed: UInt64.max - 6, version: "0.1.0-test", wallSeconds: 3.5,
            inputs: ["x", "y", "t"], timeInput: "t", grid: ["x": x, "y": y, "t": t], outputs: ["u", "v", "p"],
            fields: ["u": wobble(u), "v": wobble(v), "p": p], reference: ["u": u, "v": v],
            lossColumns: ["momentum_x", "momentum_y", "continuity"],
            lossHistory: [[1, 2, 3], [0.5, 1, 1.5]], parameters: [0.5, -0.25])
    }

    /// A steady cavity: inputs [x, y], outputs u, v, p on [ny, nx] (nx != ny), no reference
    /// field; the Ghia comparison with u off by 0.001·k at its k-th point and v by −0.004 at
    /// its 13th, and an error history in `max_abs_` columns ending at those deviations.
    static func cavity(nx: Int = 9, ny: Int = 5) -> SolveResult {
        let x = evenlySpaced(0, 1, nx), y = evenlySpaced(0, 1, ny)
        var u: [Double] = [], v: [Double] = [], p: [Double] = []
        for yv in y {
            for xv in x {
                u.append(yv * yv * (1 - xv) * xv)
                v.append(-xv * (1 - xv) * yv)
                p.append(xv + 10 * yv)
            }
        }
        let reference = GhiaCavity.reference(horizontal: "x", vertical: "y")
        var predictedV = reference.lines[1].values
        predictedV[12] -= 0.004
        let comparison = PointComparison(reference: reference, predicted: [
            reference.lines[0].values.enumerated().map { $0.element + 0.001 * Double($0.offset) }, predictedV,
        ])
        return SolveResult(
            name: "cavity", problemText: #"{"schema": 1, "name": "cavity"}"#,
            seed: 7, version: "0.1.0-test", wallSeconds: 42,
            inputs: ["x", "y"], timeInput: nil, grid: ["x": x, "y": y], outputs: ["u", "v", "p"],
            fields: ["u": u, "v": v, "p": p],
            lossColumns: ["momentum_x", "momentum_y", "continuity", "walls", "lid", "total"],
            lossHistory: [[1, 2, 3, 4, 5, 15], [0.1, 0.2, 0.3, 0.4, 0.5, 1.5]], parameters: [0.5, -0.25, 2],
            pointComparison: comparison,
            errorHistory: ErrorHistory(columns: ["wall_seconds", "iteration", "max_abs_u", "max_abs_v"],
                                       rows: [[0, 0, 0.9, 0.5], [3.5, 2, 0.016, 0.004]], evaluationSeconds: 0.01))
    }

    /// The index of element (it, iy, ix) in a row-major [nt, ny, nx] array.
    static func index(_ it: Int, _ iy: Int, _ ix: Int, ny: Int, nx: Int) -> Int { (it * ny + iy) * nx + ix }
}

/// Asserts two arrays are equal element by element, naming the first mismatch.

/// The whole contents of a file, or nil.
func contentsOf(_ url: URL) -> Data? { try? Data(contentsOf: url) }
