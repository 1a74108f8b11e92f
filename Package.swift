// swift-tools-version:6.0
import PackageDescription

// Hot kernels (GEMM, fused jet activations) are written with SIMD types. Built for the
// baseline x86-64 target, `addingProduct` becomes a libm call and the kernels run ~30x
// slower, so the default build targets the CPU it is built on. Set PINN_TARGET_CPU to an
// LLVM CPU name (e.g. `x86-64` for a portable binary, `haswell`, `znver4`) to override.
// At start-up `CPUFeatureCheck` refuses, with a clear message, to run a binary on a CPU
// that lacks what it was compiled for.
let targetCPU = Context.environment["PINN_TARGET_CPU"] ?? "native"
let cpuSwift: [SwiftSetting] = [.unsafeFlags(["-target-cpu", targetCPU])]
// clang spells the CPU choice -march on x86-64 and -mcpu on arm64 (where -march takes an
// architecture such as armv8.2-a, not a CPU name). The manifest is compiled for the build
// machine, which is the target of a native build.
#if arch(x86_64)
let cpuC: [CSetting] = [.unsafeFlags(["-march=\(targetCPU)"])]
#else
let cpuC: [CSetting] = [.unsafeFlags(["-mcpu=\(targetCPU)"])]
#endif
let fast: [SwiftSetting] = cpuSwift + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "pinn-solve",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ENNCore", targets: ["ENNCore"]),
        .library(name: "PINN", targets: ["PINN"]),
        .executable(name: "pinn-solve", targets: ["pinn-solve"]),
        .executable(name: "pinn-bench", targets: ["pinn-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5-serial", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .target(name: "CSupport", cSettings: cpuC),
        .target(name: "ENNCore", dependencies: ["CBLAS", "CSupport"], swiftSettings: fast),
        .target(name: "PINN", dependencies: ["ENNCore", "CHDF5", "CFFTW", "CCairo", "CSupport"], swiftSettings: fast),
        .executableTarget(name: "pinn-solve", dependencies: [
            "PINN", "ENNCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: fast),
        .target(name: "BenchCore", dependencies: ["ENNCore"], path: "benchmarks/BenchCore", swiftSettings: fast),
        .executableTarget(name: "pinn-bench", dependencies: [
            "ENNCore", "BenchCore", "CSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "benchmarks/pinn-bench", swiftSettings: fast),
        .executableTarget(name: "spectral-convergence", dependencies: ["PINN"], path: "benchmarks/spectral-convergence",
                          swiftSettings: fast),
        .testTarget(name: "ENNCoreTests", dependencies: ["ENNCore", "BenchCore"], swiftSettings: fast),
        .testTarget(name: "PINNTests", dependencies: ["PINN", "ENNCore", "CCairo"], exclude: ["Fixtures"], swiftSettings: fast),
        .testTarget(name: "PinnSolveTests", dependencies: ["PINN", "pinn-solve"], swiftSettings: fast),
    ],
    swiftLanguageModes: [.v5]
)
