/// Register-blocked SIMD GEMM kernel for skinny products (see `Gemm`).
///
/// C is computed in tiles of 4 rows × (16 | 8 | 4 | 1) columns. A tile's accumulators live
/// in vector registers for the whole k loop: per step, each of the 4 rows broadcasts one
/// element of A and fuses it with one or two vector loads of B's row. A is addressed
/// through strides, so the same kernel serves A·B and Aᵀ·B. Built for AVX-512 (32 vector
/// registers) or AVX2 (16), the 4×16 tile's 8 accumulators + 2 B vectors + 1 broadcast fit.
@usableFromInline
enum GemmKernel {
    @usableFromInline
    static func run(m: Int, n: Int, k: Int, a: UnsafePointer<Double>, rowStride: Int, colStride: Int,
                    b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                    accumulate: Bool) {
        var i = 0
        while i + 4 <= m {
            rowBlock(rows: 4, i: i, n: n, k: k, a: a, rs: rowStride, cs: colStride, b: b, ldb: ldb,
                     c: c, ldc: ldc, acc: accumulate)
            i += 4
        }
        while i < m {
            rowBlock(rows: 1, i: i, n: n, k: k, a: a, rs: rowStride, cs: colStride, b: b, ldb: ldb,
                     c: c, ldc: ldc, acc: accumulate)
            i += 1
        }
    }

    @inline(__always)
    static func rowBlock(rows: Int, i: Int, n: Int, k: Int, a: UnsafePointer<Double>, rs: Int, cs: Int,
                         b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                         acc: Bool) {
        let aRow = a + i * rs
        let cRow = c + i * ldc
        var j = 0
        if rows == 4 {
            while j + 16 <= n { tile4x2(SIMD8<Double>.self, aRow, rs, cs, b + j, ldb, cRow + j, ldc, k, acc); j += 16 }
            if j + 8 <= n { tile4x1(SIMD8<Double>.self, aRow, rs, cs, b + j, ldb, cRow + j, ldc, k, acc); j += 8 }
            if j + 4 <= n { tile4x1(SIMD4<Double>.self, aRow, rs, cs, b + j, ldb, cRow + j, ldc, k, acc); j += 4 }
            if j + 2 <= n { tile4x1(SIMD2<Double>.self, aRow, rs, cs, b + j, ldb, cRow + j, ldc, k, acc); j += 2 }
            while j < n { tile4xScalar(aRow, rs, cs, b + j, ldb, cRow + j, ldc, k, acc); j += 1 }
        } else {
            while j + 16 <= n { tile1x2(SIMD8<Double>.self, aRow, cs, b + j, ldb, cRow + j, k, acc); j += 16 }
            if j + 8 <= n { tile1x1(SIMD8<Double>.self, aRow, cs, b + j, ldb, cRow + j, k, acc); j += 8 }
            if j + 4 <= n { tile1x1(SIMD4<Double>.self, aRow, cs, b + j, ldb, cRow + j, k, acc); j += 4 }
            if j + 2 <= n { tile1x1(SIMD2<Double>.self, aRow, cs, b + j, ldb, cRow + j, k, acc); j += 2 }
            while j < n {
                var s = 0.0
                for p in 0..<k { s += aRow[p * cs] * b[p * ldb + j] }
                cRow[j] = acc ? cRow[j] + s : s
                j += 1
            }
        }
    }

    @inline(__always)
    static func load<V: SIMD>(_: V.Type, _ p: UnsafePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<Double>, accumulate: Bool) where V.Scalar == Double {
        let raw = UnsafeMutableRawPointer(p)
        if accumulate {
            raw.storeBytes(of: raw.loadUnaligned(as: V.self) + v, as: V.self)
        } else {
            raw.storeBytes(of: v, as: V.self)
        }
    }

    @inline(__always)
    static func tile4x2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int,
                                 _ b: UnsafePointer<Double>, _ ldb: Int, _ c: UnsafeMutablePointer<Double>,
                                 _ ldc: Int, _ k: Int, _ acc: Bool) where V.Scalar == Double {
        var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V(), c30 = V(), c31 = V()
        let w = V.scalarCount
        for p in 0..<k {
            let bp = b + p * ldb
            let b0 = load(t, bp), b1 = load(t, bp + w)
            let ap = a + p * cs
            let a0 = V(repeating: ap[0]), a1 = V(repeating: ap[rs])
            let a2 = V(repeating: ap[2 * rs]), a3 = V(repeating: ap[3 * rs])
            c00.addProduct(a0, b0); c01.addProduct(a0, b1)
            c10.addProduct(a1, b0); c11.addProduct(a1, b1)
            c20.addProduct(a2, b0); c21.addProduct(a2, b1)
            c30.addProduct(a3, b0); c31.addProduct(a3, b1)
        }
        store(c00, c, accumulate: acc); store(c01, c + w, accumulate: acc)
        store(c10, c + ldc, accumulate: acc); store(c11, c + ldc + w, accumulate: acc)
        store(c20, c + 2 * ldc, accumulate: acc); store(c21, c + 2 * ldc + w, accumulate: acc)
        store(c30, c + 3 * ldc, accumulate: acc); store(c31, c + 3 * ldc + w, accumulate: acc)
    }

    @inline(__always)
    static func tile4x1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int,
                                 _ b: UnsafePointer<Double>, _ ldb: Int, _ c: UnsafeMutablePointer<Double>,
                                 _ ldc: Int, _ k: Int, _ acc: Bool) where V.Scalar == Double {
        var c0 = V(), c1 = V(), c2 = V(), c3 = V()
        for p in 0..<k {
            let b0 = load(t, b + p * ldb)
            let ap = a + p * cs
            c0.addProduct(V(repeating: ap[0]), b0)
            c1.addProduct(V(repeating: ap[rs]), b0)
            c2.addProduct(V(repeating: ap[2 * rs]), b0)
            c3.addProduct(V(repeating: ap[3 * rs]), b0)
        }
        store(c0, c, accumulate: acc); store(c1, c + ldc, accumulate: acc)
        store(c2, c + 2 * ldc, accumulate: acc); store(c3, c + 3 * ldc, accumulate: acc)
    }

    @inline(__always)
    static func tile4xScalar(_ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                             _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ acc: Bool) {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        for p in 0..<k {
            let bv = b[p * ldb]
            let ap = a + p * cs
            s0 = s0.addingProduct(ap[0], bv); s1 = s1.addingProduct(ap[rs], bv)
            s2 = s2.addingProduct(ap[2 * rs], bv); s3 = s3.addingProduct(ap[3 * rs], bv)
        }
        if acc { c[0] += s0; c[ldc] += s1; c[2 * ldc] += s2; c[3 * ldc] += s3 }
        else { c[0] = s0; c[ldc] = s1; c[2 * ldc] = s2; c[3 * ldc] = s3 }
    }

    @inline(__always)
    static func tile1x2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ cs: Int, _ b: UnsafePointer<Double>,
                                 _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ k: Int, _ acc: Bool)
    where V.Scalar == Double {
        var c0 = V(), c1 = V()
        let w = V.scalarCount
        for p in 0..<k {
            let av = V(repeating: a[p * cs])
            c0.addProduct(av, load(t, b + p * ldb)); c1.addProduct(av, load(t, b + p * ldb + w))
        }
        store(c0, c, accumulate: acc); store(c1, c + w, accumulate: acc)
    }

    @inline(__always)
    static func tile1x1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ cs: Int, _ b: UnsafePointer<Double>,
                                 _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ k: Int, _ acc: Bool)
    where V.Scalar == Double {
        var c0 = V()
        for p in 0..<k { c0.addProduct(V(repeating: a[p * cs]), load(t, b + p * ldb)) }
        store(c0, c, accumulate: acc)
    }
}

extension SIMD where Scalar == Double {
    /// self += a * b, fused (one FMA instruction when the target has FMA).
    @inline(__always) mutating func addProduct(_ a: Self, _ b: Self) { self = self.addingProduct(a, b) }
}
