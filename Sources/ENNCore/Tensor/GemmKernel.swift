/// Register-blocked SIMD GEMM kernels for skinny products (see `Gemm`).
///
/// C is computed in tiles of R rows × (16 | 8 | 4 | 2 | 1) columns. A tile's accumulators
/// live in vector registers for the whole k loop: per step, each of the R rows broadcasts
/// one element of A and fuses it with one or two SIMD8 loads of B's row. A is addressed
/// through strides, so the same kernel serves A·B and Aᵀ·B. The main tiles (`Tile`):
///
///   4×16: 8 SIMD8 accumulators. AVX-512 (32 zmm): 8 + 2 B vectors + 1 broadcast fit.
///         AVX2 (16 ymm, a SIMD8 is two of them): 16 + 4 + 1 do not fit, it spills.
///   6×8:  6 SIMD8 accumulators = 12 ymm + 2 for B + 1 broadcast: fits AVX2's 16.
///   6×16: 12 SIMD8 accumulators, for AVX-512 (12 + 2 + 1 of 32 zmm): 1.5× the FMAs of
///         4×16 per B load. On AVX2 it spills badly.
///
/// Every variant, tile and k-block computes each element the same way: a chain of fused
/// multiply-adds in the order p = 0, 1, …, k−1, started from C (accumulate) or from zero:
///   c = fma(a[i,k−1], b[k−1,j], … fma(a[i,1], b[1,j], fma(a[i,0], b[0,j], c0)) …)
/// `addingProduct` is one correctly rounded FMA on every target (an instruction, or libm's
/// `fma` on a baseline SSE2 build), so all variants give bitwise identical results, on every
/// CPU: which tile the plan picks changes the speed, never the rounding.
/// With `kBlock` < k the k loop is split into blocks; each later block starts from the partial
/// sums stored in C, which is exactly the same chain (a stored double is the register value).
@usableFromInline
enum GemmKernel {
    /// The register tile of the main loop: rows of C × columns (SIMD8 vectors × 8).
    enum Tile: Sendable { case r4c16, r6c8, r6c16 }

    static func run(tile: Tile, kBlock: Int, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, rowStride: Int,
                    colStride: Int, b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                    accumulate: Bool) {
        let kc = max(1, min(kBlock, k))
        var p0 = 0
        var fromC = accumulate
        while p0 < k {
            let kk = min(kc, k - p0)
            let ap = a + p0 * colStride, bp = b + p0 * ldb
            if n == 1 && ldc == 1 && rowStride == 1 {
                // C is one contiguous column and A's columns are contiguous (Aᵀ·g, a weight
                // gradient of a one-output layer): C as a row, cᵀ = gᵀ·op(A)ᵀ, vectorised along
                // C with SIMD lanes. Each element is the same FMA chain (a·b = b·a exactly).
                sweep(Rows1.self, wide: true, m: 1, n: m, k: kk, a: bp, rs: 1, cs: ldb, b: ap, ldb: colStride,
                      c: c, ldc: m, fromC: fromC)
                p0 += kk
                fromC = true
                continue
            }
            if n == 1 {
                // One column (a one-output layer, A·w): dot products, eight rows at a time so
                // that eight FMA chains are in flight (every tile would use its scalar edge).
                var i = 0
                if colStride == 1 && kk >= 4 {
                    // A's rows contiguous (X·w): rows in SIMD lanes, 4×4 blocks transposed.
                    while i + 8 <= m {
                        rowsTimesColumn8(ap + i * rowStride, rowStride, bp, ldb, c + i * ldc, ldc, kk, fromC)
                        i += 8
                    }
                }
                while i + 8 <= m {
                    scalar4(ap + i * rowStride, rowStride, colStride, bp, ldb, c + i * ldc, ldc, kk, fromC,
                            ap + (i + 4) * rowStride, c + (i + 4) * ldc)
                    i += 8
                }
                sweep(Rows4.self, wide: false, m: m - i, n: 1, k: kk, a: ap + i * rowStride, rs: rowStride,
                      cs: colStride, b: bp, ldb: ldb, c: c + i * ldc, ldc: ldc, fromC: fromC)
                p0 += kk
                fromC = true
                continue
            }
            switch tile {
            case .r4c16: sweep(Rows4.self, wide: true, m: m, n: n, k: kk, a: ap, rs: rowStride, cs: colStride,
                               b: bp, ldb: ldb, c: c, ldc: ldc, fromC: fromC)
            case .r6c8: sweep(Rows6.self, wide: false, m: m, n: n, k: kk, a: ap, rs: rowStride, cs: colStride,
                              b: bp, ldb: ldb, c: c, ldc: ldc, fromC: fromC)
            case .r6c16: sweep(Rows6.self, wide: true, m: m, n: n, k: kk, a: ap, rs: rowStride, cs: colStride,
                               b: bp, ldb: ldb, c: c, ldc: ldc, fromC: fromC)
            }
            p0 += kk
            fromC = true
        }
    }

    /// All of C: blocks of R.rows rows (16- or 8-column tiles, then 8/4/2/1-column edges),
    /// the leftover rows in blocks of 4, then 2, then 1 (more independent FMA chains per
    /// step than one row at a time: a chain waits for its previous FMA).
    @inline(__always)
    static func sweep<R: RowTile>(_: R.Type, wide: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, rs: Int,
                                  cs: Int, b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>,
                                  ldc: Int, fromC: Bool) {
        var i = 0
        while i + R.rows <= m {
            rowBlock(R.self, wide: wide, n: n, k: k, a: a + i * rs, rs: rs, cs: cs, b: b, ldb: ldb,
                     c: c + i * ldc, ldc: ldc, fromC: fromC)
            i += R.rows
        }
        while i + 4 <= m {
            rowBlock(Rows4.self, wide: false, n: n, k: k, a: a + i * rs, rs: rs, cs: cs, b: b, ldb: ldb,
                     c: c + i * ldc, ldc: ldc, fromC: fromC)
            i += 4
        }
        if i + 2 <= m {
            rowBlock(Rows2.self, wide: true, n: n, k: k, a: a + i * rs, rs: rs, cs: cs, b: b, ldb: ldb,
                     c: c + i * ldc, ldc: ldc, fromC: fromC)
            i += 2
        }
        while i < m {
            rowBlock(Rows1.self, wide: true, n: n, k: k, a: a + i * rs, rs: rs, cs: cs, b: b, ldb: ldb,
                     c: c + i * ldc, ldc: ldc, fromC: fromC)
            i += 1
        }
    }

    @inline(__always)
    static func rowBlock<R: RowTile>(_: R.Type, wide: Bool, n: Int, k: Int, a: UnsafePointer<Double>, rs: Int, cs: Int,
                                     b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                                     fromC: Bool) {
        if R.self == Rows2.self && wide && n == 20 {
            // Width 20 (16 + 4) in one k pass: the 2 × 4 edge alone would be two FMA chains,
            // bound by FMA latency; together with the 16 columns they are ten.
            tile16plus4Rows2(a, rs, cs, b, ldb, c, ldc, k, fromC)
            return
        }
        var j = 0
        if wide { while j + 16 <= n { R.tile2(SIMD8<Double>.self, a, rs, cs, b + j, ldb, c + j, ldc, k, fromC); j += 16 } }
        while j + 8 <= n { R.tile1(SIMD8<Double>.self, a, rs, cs, b + j, ldb, c + j, ldc, k, fromC); j += 8 }
        if j + 4 <= n { R.tile1(SIMD4<Double>.self, a, rs, cs, b + j, ldb, c + j, ldc, k, fromC); j += 4 }
        if j + 2 <= n { R.tile1(SIMD2<Double>.self, a, rs, cs, b + j, ldb, c + j, ldc, k, fromC); j += 2 }
        while j < n {
            var r = 0
            while r + 4 <= R.rows { scalar4(a + r * rs, rs, cs, b + j, ldb, c + r * ldc + j, ldc, k, fromC); r += 4 }
            if r + 2 <= R.rows { scalar2(a + r * rs, rs, cs, b + j, ldb, c + r * ldc + j, ldc, k, fromC); r += 2 }
            if r < R.rows { scalar1(a + r * rs, cs, b + j, ldb, c + r * ldc + j, k, fromC) }
            j += 1
        }
    }

    @inline(__always)
    static func load<V: SIMD>(_: V.Type, _ p: UnsafePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    /// The accumulator's start: C's current value (accumulate, or a later k block) or zero.
    @inline(__always)
    static func start<V: SIMD>(_ t: V.Type, _ p: UnsafeMutablePointer<Double>, _ fromC: Bool) -> V
    where V.Scalar == Double {
        fromC ? load(t, p) : V()
    }

    @inline(__always)
    static func store<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// Eight rows × one column with A's rows contiguous: lane r of two SIMD4 accumulators is
    /// row r's dot product. Each 4 × 4 block of A (4 rows, columns p…p+3) is loaded as rows
    /// and transposed in registers, so lane r meets a[r, p], a[r, p+1], … in order: the same
    /// FMA chain per row as `scalar4`, with a quarter of the FMA instructions and loads.
    @inline(__always)
    static func rowsTimesColumn8(_ a: UnsafePointer<Double>, _ rs: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                                 _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool) {
        typealias V = SIMD4<Double>
        func column(_ p: UnsafeMutablePointer<Double>) -> V { fromC ? V(p[0], p[ldc], p[2 * ldc], p[3 * ldc]) : V() }
        var lo = column(c), hi = column(c + 4 * ldc)
        @inline(__always) func step(_ acc: inout V, _ rows: UnsafePointer<Double>, _ p: Int, _ b0: V, _ b1: V, _ b2: V, _ b3: V) {
            let r0 = load(V.self, rows + p), r1 = load(V.self, rows + rs + p)
            let r2 = load(V.self, rows + 2 * rs + p), r3 = load(V.self, rows + 3 * rs + p)
            acc.addProduct(V(r0[0], r1[0], r2[0], r3[0]), b0)
            acc.addProduct(V(r0[1], r1[1], r2[1], r3[1]), b1)
            acc.addProduct(V(r0[2], r1[2], r2[2], r3[2]), b2)
            acc.addProduct(V(r0[3], r1[3], r2[3], r3[3]), b3)
        }
        var p = 0
        while p + 4 <= k {
            // Each b element broadcast straight from memory (a load, not a shuffle: the
            // transposes keep the shuffle units busy).
            let b0 = V(repeating: b[p * ldb]), b1 = V(repeating: b[(p + 1) * ldb])
            let b2 = V(repeating: b[(p + 2) * ldb]), b3 = V(repeating: b[(p + 3) * ldb])
            step(&lo, a, p, b0, b1, b2, b3)
            step(&hi, a + 4 * rs, p, b0, b1, b2, b3)
            p += 4
        }
        while p < k {
            let bp = V(repeating: b[p * ldb])
            lo.addProduct(V(a[p], a[rs + p], a[2 * rs + p], a[3 * rs + p]), bp)
            let a4 = a + 4 * rs
            hi.addProduct(V(a4[p], a4[rs + p], a4[2 * rs + p], a4[3 * rs + p]), bp)
            p += 1
        }
        for r in 0..<4 { c[r * ldc] = lo[r]; c[(r + 4) * ldc] = hi[r] }
    }

    /// Four rows × one column: four independent FMA chains.
    @inline(__always)
    static func scalar4(_ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                        _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool) {
        var s0 = fromC ? c[0] : 0, s1 = fromC ? c[ldc] : 0, s2 = fromC ? c[2 * ldc] : 0, s3 = fromC ? c[3 * ldc] : 0
        for p in 0..<k {
            let bv = b[p * ldb]
            let ap = a + p * cs
            s0 = s0.addingProduct(ap[0], bv); s1 = s1.addingProduct(ap[rs], bv)
            s2 = s2.addingProduct(ap[2 * rs], bv); s3 = s3.addingProduct(ap[3 * rs], bv)
        }
        c[0] = s0; c[ldc] = s1; c[2 * ldc] = s2; c[3 * ldc] = s3
    }

    /// Eight rows × one column: rows 0–3 from `a`, `c` and rows 4–7 from `a2`, `c2`.
    @inline(__always)
    static func scalar4(_ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                        _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool,
                        _ a2: UnsafePointer<Double>, _ c2: UnsafeMutablePointer<Double>) {
        var s0 = fromC ? c[0] : 0, s1 = fromC ? c[ldc] : 0, s2 = fromC ? c[2 * ldc] : 0, s3 = fromC ? c[3 * ldc] : 0
        var s4 = fromC ? c2[0] : 0, s5 = fromC ? c2[ldc] : 0, s6 = fromC ? c2[2 * ldc] : 0, s7 = fromC ? c2[3 * ldc] : 0
        for p in 0..<k {
            let bv = b[p * ldb]
            let ap = a + p * cs, aq = a2 + p * cs
            s0 = s0.addingProduct(ap[0], bv); s1 = s1.addingProduct(ap[rs], bv)
            s2 = s2.addingProduct(ap[2 * rs], bv); s3 = s3.addingProduct(ap[3 * rs], bv)
            s4 = s4.addingProduct(aq[0], bv); s5 = s5.addingProduct(aq[rs], bv)
            s6 = s6.addingProduct(aq[2 * rs], bv); s7 = s7.addingProduct(aq[3 * rs], bv)
        }
        c[0] = s0; c[ldc] = s1; c[2 * ldc] = s2; c[3 * ldc] = s3
        c2[0] = s4; c2[ldc] = s5; c2[2 * ldc] = s6; c2[3 * ldc] = s7
    }

    @inline(__always)
    static func scalar2(_ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                        _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool) {
        var s0 = fromC ? c[0] : 0, s1 = fromC ? c[ldc] : 0
        for p in 0..<k {
            let bv = b[p * ldb]
            s0 = s0.addingProduct(a[p * cs], bv); s1 = s1.addingProduct(a[p * cs + rs], bv)
        }
        c[0] = s0; c[ldc] = s1
    }

    @inline(__always)
    static func scalar1(_ a: UnsafePointer<Double>, _ cs: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                        _ c: UnsafeMutablePointer<Double>, _ k: Int, _ fromC: Bool) {
        var s = fromC ? c[0] : 0
        for p in 0..<k { s = s.addingProduct(a[p * cs], b[p * ldb]) }
        c[0] = s
    }
}

/// A row count of the register tile, with its tiles of two SIMD vectors (tile2) and one (tile1)
/// per row. Written out per row count so that every accumulator is a named local (a register).
protocol RowTile {
    static var rows: Int { get }
    static func tile2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                               _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
    where V.Scalar == Double
    static func tile1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                               _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
    where V.Scalar == Double
}

extension GemmKernel {
    enum Rows1: RowTile {
        static var rows: Int { 1 }

        @inline(__always)
        static func tile2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            let w = V.scalarCount
            var c0 = start(t, c, fromC), c1 = start(t, c + w, fromC)
            for p in 0..<k {
                let av = V(repeating: a[p * cs])
                c0.addProduct(av, load(t, b + p * ldb)); c1.addProduct(av, load(t, b + p * ldb + w))
            }
            store(c0, c); store(c1, c + w)
        }

        @inline(__always)
        static func tile1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            var c0 = start(t, c, fromC)
            for p in 0..<k { c0.addProduct(V(repeating: a[p * cs]), load(t, b + p * ldb)) }
            store(c0, c)
        }
    }

    enum Rows2: RowTile {
        static var rows: Int { 2 }

        @inline(__always)
        static func tile2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            let w = V.scalarCount
            var c00 = start(t, c, fromC), c01 = start(t, c + w, fromC)
            var c10 = start(t, c + ldc, fromC), c11 = start(t, c + ldc + w, fromC)
            for p in 0..<k {
                let bp = b + p * ldb
                let b0 = load(t, bp), b1 = load(t, bp + w)
                let a0 = V(repeating: a[p * cs]), a1 = V(repeating: a[p * cs + rs])
                c00.addProduct(a0, b0); c01.addProduct(a0, b1)
                c10.addProduct(a1, b0); c11.addProduct(a1, b1)
            }
            store(c00, c); store(c01, c + w); store(c10, c + ldc); store(c11, c + ldc + w)
        }

        @inline(__always)
        static func tile1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            var c0 = start(t, c, fromC), c1 = start(t, c + ldc, fromC)
            for p in 0..<k {
                let b0 = load(t, b + p * ldb)
                c0.addProduct(V(repeating: a[p * cs]), b0)
                c1.addProduct(V(repeating: a[p * cs + rs]), b0)
            }
            store(c0, c); store(c1, c + ldc)
        }
    }

    /// Rows2 over 20 columns: 2 × (8 + 8 + 4) accumulators, ten chains (10 ymm on AVX2).
    @inline(__always)
    static func tile16plus4Rows2(_ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
                                 _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool) {
        typealias V8 = SIMD8<Double>
        typealias V4 = SIMD4<Double>
        var c00 = start(V8.self, c, fromC), c01 = start(V8.self, c + 8, fromC), c02 = start(V4.self, c + 16, fromC)
        var c10 = start(V8.self, c + ldc, fromC), c11 = start(V8.self, c + ldc + 8, fromC)
        var c12 = start(V4.self, c + ldc + 16, fromC)
        for p in 0..<k {
            let bp = b + p * ldb
            let b0 = load(V8.self, bp), b1 = load(V8.self, bp + 8), b2 = load(V4.self, bp + 16)
            let x0 = a[p * cs], x1 = a[p * cs + rs]
            c00.addProduct(V8(repeating: x0), b0); c01.addProduct(V8(repeating: x0), b1); c02.addProduct(V4(repeating: x0), b2)
            c10.addProduct(V8(repeating: x1), b0); c11.addProduct(V8(repeating: x1), b1); c12.addProduct(V4(repeating: x1), b2)
        }
        store(c00, c); store(c01, c + 8); store(c02, c + 16)
        store(c10, c + ldc); store(c11, c + ldc + 8); store(c12, c + ldc + 16)
    }

    enum Rows4: RowTile {
        static var rows: Int { 4 }

        @inline(__always)
        static func tile2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            let w = V.scalarCount
            var c00 = start(t, c, fromC), c01 = start(t, c + w, fromC)
            var c10 = start(t, c + ldc, fromC), c11 = start(t, c + ldc + w, fromC)
            var c20 = start(t, c + 2 * ldc, fromC), c21 = start(t, c + 2 * ldc + w, fromC)
            var c30 = start(t, c + 3 * ldc, fromC), c31 = start(t, c + 3 * ldc + w, fromC)
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
            store(c00, c); store(c01, c + w)
            store(c10, c + ldc); store(c11, c + ldc + w)
            store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + w)
            store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + w)
        }

        @inline(__always)
        static func tile1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            var c0 = start(t, c, fromC), c1 = start(t, c + ldc, fromC)
            var c2 = start(t, c + 2 * ldc, fromC), c3 = start(t, c + 3 * ldc, fromC)
            for p in 0..<k {
                let b0 = load(t, b + p * ldb)
                let ap = a + p * cs
                c0.addProduct(V(repeating: ap[0]), b0)
                c1.addProduct(V(repeating: ap[rs]), b0)
                c2.addProduct(V(repeating: ap[2 * rs]), b0)
                c3.addProduct(V(repeating: ap[3 * rs]), b0)
            }
            store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc); store(c3, c + 3 * ldc)
        }
    }

    enum Rows6: RowTile {
        static var rows: Int { 6 }

        @inline(__always)
        static func tile2<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            let w = V.scalarCount
            var c00 = start(t, c, fromC), c01 = start(t, c + w, fromC)
            var c10 = start(t, c + ldc, fromC), c11 = start(t, c + ldc + w, fromC)
            var c20 = start(t, c + 2 * ldc, fromC), c21 = start(t, c + 2 * ldc + w, fromC)
            var c30 = start(t, c + 3 * ldc, fromC), c31 = start(t, c + 3 * ldc + w, fromC)
            var c40 = start(t, c + 4 * ldc, fromC), c41 = start(t, c + 4 * ldc + w, fromC)
            var c50 = start(t, c + 5 * ldc, fromC), c51 = start(t, c + 5 * ldc + w, fromC)
            for p in 0..<k {
                let bp = b + p * ldb
                let b0 = load(t, bp), b1 = load(t, bp + w)
                let ap = a + p * cs
                let a0 = V(repeating: ap[0]), a1 = V(repeating: ap[rs]), a2 = V(repeating: ap[2 * rs])
                c00.addProduct(a0, b0); c01.addProduct(a0, b1)
                c10.addProduct(a1, b0); c11.addProduct(a1, b1)
                c20.addProduct(a2, b0); c21.addProduct(a2, b1)
                let a3 = V(repeating: ap[3 * rs]), a4 = V(repeating: ap[4 * rs]), a5 = V(repeating: ap[5 * rs])
                c30.addProduct(a3, b0); c31.addProduct(a3, b1)
                c40.addProduct(a4, b0); c41.addProduct(a4, b1)
                c50.addProduct(a5, b0); c51.addProduct(a5, b1)
            }
            store(c00, c); store(c01, c + w)
            store(c10, c + ldc); store(c11, c + ldc + w)
            store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + w)
            store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + w)
            store(c40, c + 4 * ldc); store(c41, c + 4 * ldc + w)
            store(c50, c + 5 * ldc); store(c51, c + 5 * ldc + w)
        }

        @inline(__always)
        static func tile1<V: SIMD>(_ t: V.Type, _ a: UnsafePointer<Double>, _ rs: Int, _ cs: Int, _ b: UnsafePointer<Double>,
                                   _ ldb: Int, _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ k: Int, _ fromC: Bool)
        where V.Scalar == Double {
            var c0 = start(t, c, fromC), c1 = start(t, c + ldc, fromC), c2 = start(t, c + 2 * ldc, fromC)
            var c3 = start(t, c + 3 * ldc, fromC), c4 = start(t, c + 4 * ldc, fromC), c5 = start(t, c + 5 * ldc, fromC)
            for p in 0..<k {
                let b0 = load(t, b + p * ldb)
                let ap = a + p * cs
                c0.addProduct(V(repeating: ap[0]), b0)
                c1.addProduct(V(repeating: ap[rs]), b0)
                c2.addProduct(V(repeating: ap[2 * rs]), b0)
                c3.addProduct(V(repeating: ap[3 * rs]), b0)
                c4.addProduct(V(repeating: ap[4 * rs]), b0)
                c5.addProduct(V(repeating: ap[5 * rs]), b0)
            }
            store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc)
            store(c3, c + 3 * ldc); store(c4, c + 4 * ldc); store(c5, c + 5 * ldc)
        }
    }
}

extension SIMD where Scalar == Double {
    /// self += a * b, fused (one FMA instruction when the target has FMA).
    @inline(__always) mutating func addProduct(_ a: Self, _ b: Self) { self = self.addingProduct(a, b) }
}
