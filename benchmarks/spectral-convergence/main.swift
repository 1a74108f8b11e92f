import Foundation
import PINN

// Prints the spectral convergence table of `SpectralBurgers` against `BurgersColeHopf`:
// max-norm error at time T on 256 uniform points of [−1, 1], N doubling, fixed small step.
// Usage: spectral-convergence [nu] [T] [maxTimeStep]   (defaults 0.01/π, 1, 1e-4)
let usage = "usage: spectral-convergence [nu] [T] [maxTimeStep]   (defaults 0.01/π, 1, 1e-4)"
let args = Array(CommandLine.arguments.dropFirst())
if args.contains(where: { $0 == "-h" || $0 == "--help" }) { print(usage); exit(0) }
let parsed = args.map { Double($0) }
guard args.count <= 3, !parsed.contains(where: { $0 == nil || !$0!.isFinite || $0! <= 0 }) else {
    FileHandle.standardError.write(Data("spectral-convergence: arguments must be up to three positive numbers\n\(usage)\n".utf8))
    exit(2)
}
let nu = parsed.count > 0 ? parsed[0]! : 0.01 / Double.pi
let time = parsed.count > 1 ? parsed[1]! : 1.0
let step = parsed.count > 2 ? parsed[2]! : 1e-4
let x = (0..<256).map { -1 + 2 * Double($0) / 255 }
let exact = BurgersColeHopf(nu: nu).grid(x: x, t: [time])
print("Burgers, nu = \(nu), t = \(time), max time step = \(step), 256 points in [-1, 1]")
print("| N | max error | seconds |")
print("|---:|---:|---:|")
var n = 64
while n <= 8192 {
    let start = Date()
    let u = SpectralBurgers(nu: nu, points: n, maxTimeStep: step).grid(x: x, t: [time])
    let seconds = Date().timeIntervalSince(start)
    let error = zip(u, exact).map { abs($0 - $1) }.max()!
    print("| \(n) | \(String(format: "%.2e", error)) | \(String(format: "%.2f", seconds)) |")
    n *= 2
}

// Time-step table at the default N on the project grid (256 × 101, t uniform in [0, 1]),
// worst error over all grid points.
let t = (0...100).map { Double($0) / 100 }
var start = Date()
let grid = BurgersColeHopf(nu: nu).grid(x: x, t: t)
print("\nCole–Hopf (200 nodes) on 256 × 101: \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
print("N = \(SpectralBurgers.defaultPoints), worst error over the 256 × 101 grid")
print("| max time step | max error | seconds |")
print("|---:|---:|---:|")
for h in [2e-3, 1e-3, 5e-4, 2e-4, 1e-4] {
    start = Date()
    let u = SpectralBurgers(nu: nu, maxTimeStep: h).grid(x: x, t: t)
    let seconds = Date().timeIntervalSince(start)
    let error = zip(u, grid).map { abs($0 - $1) }.max()!
    print("| \(h) | \(String(format: "%.2e", error)) | \(String(format: "%.2f", seconds)) |")
}
