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
    /// matrix[r, :] += row for every r of a row-major [rows × cols] matrix (a Linear layer's
    /// bias). The row is held in registers: 8, then 4, 2 and 1 columns at a time (a width-20
    /// layer takes 8 + 8 + 4, with no strided scalar pass).
    static func addRow(_ row: UnsafePointer<Double>, to matrix: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        @inline(__always) func columns<V: SIMD>(_: V.Type, from j: Int) where V.Scalar == Double {
            let b = UnsafeRawPointer(row + j).loadUnaligned(as: V.self)
            for r in 0..<rows {
                let p = UnsafeMutableRawPointer(matrix + r * cols + j)
                p.storeBytes(of: p.loadUnaligned(as: V.self) + b, as: V.self)
            }
        }
        var j = 0
        while j + 8 <= cols { columns(SIMD8<Double>.self, from: j); j += 8 }
        if j + 4 <= cols { columns(SIMD4<Double>.self, from: j); j += 4 }
        if j + 2 <= cols { columns(SIMD2<Double>.self, from: j); j += 2 }
        if j < cols {
            let b = row[j]
            for r in 0..<rows { matrix[r * cols + j] += b }
        }
    }

    /// sums[j] += Σ_r matrix[r, j], rows added in order (the bias gradient), the running sums
    /// in registers, columns blocked as in `addRow`.
    static func accumulateColumnSums(of matrix: UnsafePointer<Double>, rows: Int, cols: Int,
                                     into sums: UnsafeMutablePointer<Double>) {
        @inline(__always) func columns<V: SIMD>(_: V.Type, from j: Int) where V.Scalar == Double {
            var s = UnsafeRawPointer(sums + j).loadUnaligned(as: V.self)
            for r in 0..<rows { s += UnsafeRawPointer(matrix + r * cols + j).loadUnaligned(as: V.self) }
            UnsafeMutableRawPointer(sums + j).storeBytes(of: s, as: V.self)
        }
        var j = 0
        while j + 8 <= cols { columns(SIMD8<Double>.self, from: j); j += 8 }
        if j + 4 <= cols { columns(SIMD4<Double>.self, from: j); j += 4 }
        if j + 2 <= cols { columns(SIMD2<Double>.self, from: j); j += 2 }
        if j < cols {
            var s = sums[j]
            for r in 0..<rows { s += matrix[r * cols + j] }
            sums[j] = s
        }
    }
}
