import CSupport

/// tanh on a jet of order ≤ 2 in one fused SIMD pass forward and one backward: the hot
/// loop of every tanh network (it replaces the term-by-term `CompositionPlan` loops,
/// which read and write each block several times).
///
/// With s = tanh(a₀), s' = 1 − s², s'' = −2ss', s''' = −2(s'² + ss''):
///   forward:  y₀ = s,  y_i = s' a_i,  y_ij = s' a_ij + s'' a_i a_j
///   backward: ā₀ = ȳ₀s' + Σ_i ȳ_i s'' a_i + Σ_ij ȳ_ij (s'' a_ij + s''' a_i a_j)
///             ā_i = ȳ_i s' + Σ_{ij ∋ i} ȳ_ij s'' a_(other)   (both factors when i = j)
///             ā_ij = ȳ_ij s'
/// s is re-read from y₀ in the backward pass, so no derivative arrays are stored.
/// Both passes step two vector registers' worth of lanes at a time: every step walks the
/// plan's component lists, and two registers halve that overhead against one, while four
/// (SIMD16 on AVX2) hold s, s′, s″, s‴ and ā₀ in 20 of its 16 ymm registers and spill.
/// `pinn-bench activation` (160 points × width 20, best of 2000, ns per element, AMD EPYC
/// Zen 5, 3 interleaved runs on a loaded machine): AVX2 build, backward SIMD16 1.44–1.60,
/// SIMD8 1.26–1.36, SIMD4 1.50–1.55; AVX-512 build, backward SIMD16 1.02–1.21, SIMD8
/// 1.26–1.32; the forward pass is dominated by tanh and moves less. SIMD32 is not lowered to
/// vector code by Swift and is far slower.
enum FusedTanhJet {
    /// The step: 16 lanes with AVX-512 (two zmm), 8 with AVX2 (two ymm) or narrower.
    static let stepLanes = csupport_vector_register_doubles() >= 8 ? 16 : 8

    /// The second-order components of a layout with their first-order factors.
    struct SecondOrderPlan {
        var firsts: [Int] = []
        var seconds: [(component: Int, i: Int, j: Int)] = []

        init?(_ layout: JetLayout) {
            guard layout.maxOrder <= 2 else { return nil }
            for (c, p) in layout.components.enumerated() where c > 0 {
                if p.order == 1 { firsts.append(c) } else {
                    seconds.append((c, layout.index(of: Partial([p.inputs[0]]))!, layout.index(of: Partial([p.inputs[1]]))!))
                }
            }
        }
    }

    @inline(__always) static func load<V: SIMD>(_ p: UnsafePointer<Double>, _ i: Int, _ n: Int) -> V where V.Scalar == Double {
        if i + V.scalarCount <= n { return UnsafeRawPointer(p + i).loadUnaligned(as: V.self) }
        var v = V()
        for k in 0..<(n - i) { v[k] = p[i + k] }
        return v
    }

    @inline(__always) static func store<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<Double>, _ i: Int, _ n: Int)
    where V.Scalar == Double {
        if i + V.scalarCount <= n { UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self); return }
        for k in 0..<(n - i) { p[i + k] = v[k] }
    }

    static func forward(_ plan: SecondOrderPlan, a: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>, block m: Int,
                        lanes: Int = stepLanes) {
        // tanh first, in its own tight loop: its division has a long latency that only
        // overlaps across iterations when nothing else sits in the loop.
        VectorMath.tanh(a, y, count: m)
        if lanes == 16 { forwardProducts(SIMD16<Double>.self, plan, a: a, y: y, block: m) } else {
            forwardProducts(SIMD8<Double>.self, plan, a: a, y: y, block: m)
        }
    }

    /// y_i and y_ij from y₀ = tanh(a₀), `V.scalarCount` lanes per step.
    @inline(__always)
    static func forwardProducts<V: SIMD>(_: V.Type, _ plan: SecondOrderPlan, a: UnsafePointer<Double>,
                                         y: UnsafeMutablePointer<Double>, block m: Int) where V.Scalar == Double {
        var i = 0
        while i < m {
            let s: V = load(y, i, m)
            let s1 = 1 - s * s
            let s2 = -2 * s * s1
            for c in plan.firsts { store(s1 * (load(a + c * m, i, m) as V), y + c * m, i, m) }
            for (c, ci, cj) in plan.seconds {
                let v = s1 * (load(a + c * m, i, m) as V) + s2 * (load(a + ci * m, i, m) as V) * (load(a + cj * m, i, m) as V)
                store(v, y + c * m, i, m)
            }
            i += V.scalarCount
        }
    }

    /// Writes ā (overwrite when `fresh`, else accumulates) from ȳ, a and y₀ = tanh(a₀).
    static func backward(_ plan: SecondOrderPlan, a: UnsafePointer<Double>, y: UnsafePointer<Double>,
                         gy: UnsafePointer<Double>, ga: UnsafeMutablePointer<Double>, fresh: Bool,
                         components k: Int, block m: Int, lanes: Int = stepLanes) {
        if !fresh { // rare (x feeds two ops): accumulate through a temporary
            let tmp = UnsafeMutablePointer<Double>.allocate(capacity: k * m)
            defer { tmp.deallocate() }
            backward(plan, a: a, y: y, gy: gy, ga: tmp, fresh: true, components: k, block: m, lanes: lanes)
            for e in 0..<(k * m) { ga[e] += tmp[e] }
            return
        }
        if lanes == 16 { backwardSteps(SIMD16<Double>.self, plan, a: a, y: y, gy: gy, ga: ga, block: m) } else {
            backwardSteps(SIMD8<Double>.self, plan, a: a, y: y, gy: gy, ga: ga, block: m)
        }
    }

    /// The backward formulas, `V.scalarCount` lanes per step, overwriting ā.
    @inline(__always)
    static func backwardSteps<V: SIMD>(_: V.Type, _ plan: SecondOrderPlan, a: UnsafePointer<Double>, y: UnsafePointer<Double>,
                                       gy: UnsafePointer<Double>, ga: UnsafeMutablePointer<Double>, block m: Int)
    where V.Scalar == Double {
        var i = 0
        while i < m {
            let s: V = load(y, i, m)
            let s1 = 1 - s * s
            let s2 = -2 * s * s1
            let s3 = -2 * (s1 * s1 + s * s2)
            var g0 = (load(gy, i, m) as V) * s1
            for c in plan.firsts {
                let gyc: V = load(gy + c * m, i, m)
                g0 += gyc * s2 * (load(a + c * m, i, m) as V)
                store(gyc * s1, ga + c * m, i, m) // completed below by second-order terms
            }
            for (c, ci, cj) in plan.seconds {
                let gyc: V = load(gy + c * m, i, m)
                let ai: V = load(a + ci * m, i, m), aj: V = load(a + cj * m, i, m)
                g0 += gyc * (s2 * (load(a + c * m, i, m) as V) + s3 * ai * aj)
                store(gyc * s1, ga + c * m, i, m)
                let w = gyc * s2
                store((load(ga + ci * m, i, m) as V) + w * aj, ga + ci * m, i, m)
                store((load(ga + cj * m, i, m) as V) + w * ai, ga + cj * m, i, m)
            }
            store(g0, ga, i, m)
            i += V.scalarCount
        }
    }
}
