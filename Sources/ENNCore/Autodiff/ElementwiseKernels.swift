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

extension ElementwiseKernels {
    /// matrix[r, :] += row for every r of a row-major [rows × cols] matrix (the bias of a
    /// Linear layer). `row` is held in registers across rows, eight columns at a time.
    static func addRow(_ row: UnsafePointer<Double>, to matrix: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        var j = 0
        while j + 8 <= cols {
            let b = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Double>.self)
            for r in 0..<rows {
                let p = UnsafeMutableRawPointer(matrix + r * cols + j)
                p.storeBytes(of: p.loadUnaligned(as: SIMD8<Double>.self) + b, as: SIMD8<Double>.self)
            }
            j += 8
        }
        for jj in j..<cols {
            let b = row[jj]
            for r in 0..<rows { matrix[r * cols + jj] += b }
        }
    }

    /// sums[j] += Σ_r matrix[r, j], rows added in order (the bias gradient). The running sums
    /// stay in registers, eight columns at a time.
    static func accumulateColumnSums(of matrix: UnsafePointer<Double>, rows: Int, cols: Int,
                                     into sums: UnsafeMutablePointer<Double>) {
        var j = 0
        while j + 8 <= cols {
            var s = UnsafeRawPointer(sums + j).loadUnaligned(as: SIMD8<Double>.self)
            for r in 0..<rows { s += UnsafeRawPointer(matrix + r * cols + j).loadUnaligned(as: SIMD8<Double>.self) }
            UnsafeMutableRawPointer(sums + j).storeBytes(of: s, as: SIMD8<Double>.self)
            j += 8
        }
        for jj in j..<cols {
            var s = sums[jj]
            for r in 0..<rows { s += matrix[r * cols + jj] }
            sums[jj] = s
        }
    }
}
