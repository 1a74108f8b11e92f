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
    /// hard. Measured (seeds 0, 1): u 2.4e-6 … 2.5e-6, v 2.6e-6 … 2.8e-6.
    func testTaylorGreen() throws {
        try solve("taylor_green", threshold: 2e-5) { p in
            p["points"] = ["interior": 1024, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = Self.reducedRecipe
            p["output"] = ["grid": ["x": 33, "y": 33, "t": 6]]
        }
    }
}
