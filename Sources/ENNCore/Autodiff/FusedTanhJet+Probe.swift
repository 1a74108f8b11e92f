import Foundation

/// The fused tanh-jet kernel from outside the module, on one block: best-of-n timings for
/// `pinn-bench activation`, and single evaluations at a chosen step width for the tests
/// (every width must give the same doubles: each element's arithmetic is the same).
public enum FusedTanhJetProbe {
    public struct Timing: Sendable {
        /// Best seconds per call of `VectorMath.tanh` on the value block.
        public var tanh: Double
        /// Best seconds per call of the fused forward and backward passes.
        public var forward: Double
        public var backward: Double
    }

    /// The step width this machine's build uses (16 lanes with AVX-512, else 8).
    public static var defaultLanes: Int { FusedTanhJet.stepLanes }

    /// y = tanh(a) on a jet of `layout` (components of `block` doubles each, in layout order)
    /// and ā for the cotangent ȳ = `gy`, stepping `lanes` (8 or 16) doubles at a time.
    public static func evaluate(layout: JetLayout, a: [Double], gy: [Double], lanes: Int) -> (y: [Double], ga: [Double]) {
        guard let plan = FusedTanhJet.SecondOrderPlan(layout) else { preconditionFailure("layout of order > 2") }
        let k = layout.count, m = a.count / k
        precondition(a.count == k * m && gy.count == a.count, "FusedTanhJetProbe: a and ȳ must be components × block")
        var y = [Double](repeating: 0, count: a.count), ga = y
        a.withUnsafeBufferPointer { a in gy.withUnsafeBufferPointer { gy in
            y.withUnsafeMutableBufferPointer { y in ga.withUnsafeMutableBufferPointer { ga in
                FusedTanhJet.forward(plan, a: a.baseAddress!, y: y.baseAddress!, block: m, lanes: lanes)
                FusedTanhJet.backward(plan, a: a.baseAddress!, y: UnsafePointer(y.baseAddress!), gy: gy.baseAddress!,
                                      ga: ga.baseAddress!, fresh: true, components: k, block: m, lanes: lanes)
            } }
        } }
        return (y, ga)
    }

    /// Best-of-`repeats` times of tanh and the fused passes on random data: short calls
    /// repeated many times, so the fastest is undisturbed by other load and two builds can be
    /// compared on a busy machine, where whole-iteration medians cannot.
    public static func time(layout: JetLayout, block m: Int, repeats: Int) -> Timing {
        guard let plan = FusedTanhJet.SecondOrderPlan(layout) else { preconditionFailure("layout of order > 2") }
        let k = layout.count
        let a = (0..<(k * m)).map { _ in Double.random(in: -2...2) }
        let gy = (0..<(k * m)).map { _ in Double.random(in: -1...1) }
        var y = [Double](repeating: 0, count: k * m), ga = y
        var best = Timing(tanh: .infinity, forward: .infinity, backward: .infinity)
        func seconds(_ body: () -> Void) -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
        a.withUnsafeBufferPointer { a in gy.withUnsafeBufferPointer { gy in
            y.withUnsafeMutableBufferPointer { y in ga.withUnsafeMutableBufferPointer { ga in
                let (pa, pgy, py, pga) = (a.baseAddress!, gy.baseAddress!, y.baseAddress!, ga.baseAddress!)
                for _ in 0..<repeats {
                    best.tanh = min(best.tanh, seconds { VectorMath.tanh(pa, py, count: m) })
                    best.forward = min(best.forward, seconds { FusedTanhJet.forward(plan, a: pa, y: py, block: m) })
                    best.backward = min(best.backward, seconds {
                        FusedTanhJet.backward(plan, a: pa, y: py, gy: pgy, ga: pga, fresh: true, components: k, block: m)
                    })
                }
            } }
        } }
        return best
    }
}
