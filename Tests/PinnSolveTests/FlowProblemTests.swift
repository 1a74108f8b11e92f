import Foundation
import XCTest

/// The shipped 2-D flow and multiscale problems, reduced in size (a quarter of the points
/// or fewer, a few percent of the iterations) and trained through the command line like
/// `ShippedProblemTests`: each must reach an error that an untrained network (rel. L2 ≈ 1)
/// or a solver mishandling several outputs, three inputs or an embedding cannot.
extension ShippedProblemTests {
    /// Steady Navier–Stokes with three outputs and Dirichlet data on four sides. Measured
    /// (seeds 0, 1): u 1.3e-5, v 1.2e-4 … 1.4e-4, p 4.1e-5 … 5.1e-5.
    func testKovasznay() throws {
        try solve("kovasznay", threshold: 5e-4) { p in
            p["points"] = ["interior": 1024, "boundary": 128, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = Self.reducedRecipe
            p["output"] = ["grid": ["x": 61, "y": 81]]
        }
    }

    /// Unsteady Navier–Stokes, x and y periodic through the embedding, the initial velocity
    /// hard, the pressure compared without its spatial mean. Measured (seeds 0, 1, and seed 0
    /// again in the suite): u 2.3e-6 … 3.5e-6, v 2.7e-6 … 3.0e-6, p 3.1e-5 … 3.5e-5.
    func testTaylorGreen() throws {
        try solve("taylor_green", threshold: 2e-5, thresholds: ["p": 2e-4]) { p in
            p["points"] = ["interior": 1024, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = Self.reducedRecipe
            p["output"] = ["grid": ["x": 33, "y": 33, "t": 6], "mean_free": ["p"]]
        }
    }

    /// Ten periods in x against one in y, Fourier features of x alone, the initial value
    /// hard. Reduced to t ∈ [0, 1] (the full span needs the shipped 20 000 bfgs iterations;
    /// at this budget it stays near 2.5e-1) and half the points. Measured (seeds 0, 1):
    /// 1.1e-2 … 1.2e-2 (seed 0, twice), 9.5e-3; the same without the Fourier features of x: 6.2e-1.
    func testHeat2DMultiscale() throws {
        try solve("heat2d_multiscale", threshold: 5e-2) { p in
            p["domain"] = ["x": [0, 1], "y": [0, 1], "t": [0, 1]]
            p["points"] = ["interior": 2048, "boundary": 128, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 300, "lr": 1e-3],
                             ["optimizer": "lm", "iterations": 60, "resample_every": 20],
                             ["optimizer": "bfgs", "variant": "ssbroyden", "iterations": 1000, "resample_every": 500]]
            p["output"] = ["grid": ["x": 101, "y": 21, "t": 6]]
        }
    }
}
