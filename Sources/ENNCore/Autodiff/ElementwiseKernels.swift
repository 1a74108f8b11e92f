/// Fused elementwise loops shared by the jet primitives (simple pointer loops that LLVM
/// vectorises; no closures).
enum ElementwiseKernels {
    /// out[i] += c · Π_j f[j][i] for 1 … 6 factor arrays.
    static func accumulateProduct(_ out: UnsafeMutablePointer<Double>, _ c: Double,
                                  _ f: [UnsafePointer<Double>], count n: Int) {
        switch f.count {
        case 1:
            let f0 = f[0]
            for i in 0..<n { out[i] += c * f0[i] }
        case 2:
            let (f0, f1) = (f[0], f[1])
            for i in 0..<n { out[i] += c * f0[i] * f1[i] }
        case 3:
            let (f0, f1, f2) = (f[0], f[1], f[2])
            for i in 0..<n { out[i] += c * f0[i] * f1[i] * f2[i] }
        case 4:
            let (f0, f1, f2, f3) = (f[0], f[1], f[2], f[3])
            for i in 0..<n { out[i] += c * f0[i] * f1[i] * f2[i] * f3[i] }
        case 5:
            let (f0, f1, f2, f3, f4) = (f[0], f[1], f[2], f[3], f[4])
            for i in 0..<n { out[i] += c * f0[i] * f1[i] * f2[i] * f3[i] * f4[i] }
        case 6:
            let (f0, f1, f2, f3, f4, f5) = (f[0], f[1], f[2], f[3], f[4], f[5])
            for i in 0..<n { out[i] += c * f0[i] * f1[i] * f2[i] * f3[i] * f4[i] * f5[i] }
        default:
            preconditionFailure("accumulateProduct: \(f.count) factors (1…6 supported)")
        }
    }

    /// out[i] += c · a[i]
    @inline(__always)
    static func axpy(_ out: UnsafeMutablePointer<Double>, _ c: Double, _ a: UnsafePointer<Double>, count n: Int) {
        for i in 0..<n { out[i] += c * a[i] }
    }
}
