import XCTest
import ENNCore

/// The tape pieces of inverse problems against finite differences: a trained scalar
/// broadcast over a jet (plain and through its logarithm), and a second network applied to
/// the jets of the first one's outputs (R(u, v) inside a residual), with its parameters
/// behind the first network's in one θ. Checked: the jets (each derivative component against
/// a central difference of the component one order lower), the parameter gradient of one
/// reverse sweep, and the per-point Jacobian rows that Levenberg–Marquardt uses.
final class EmbeddedNetworkTests: XCTestCase {
    /// 2 inputs; first and second derivatives, the pure third in input 0.
    static let layout = JetLayout(inputCount: 2, requested: [Partial([0, 1]), Partial([1, 1]), Partial([0, 0, 0])])
    static let points = 4
    /// The solution network u, v = N(x, t) and the function network R(a, b) after it in θ,
    /// then two trained scalars (one plain, one positive).
    static let solution = MLP(inputs: 2, hidden: [5, 4], outputs: 2, activation: .tanh)
    static let function = MLP(inputs: 2, hidden: [3, 3], outputs: 1, activation: .tanh,
                              parameterOffset: solution.parameterCount)
    static let plainOffset = solution.parameterCount + function.parameterCount
    static let positiveOffset = plainOffset + 1
    static let parameterCount = positiveOffset + 1

    static let theta: [Double] = {
        var rng = RandomGenerator(seed: 3)
        return solution.initialParameters(rng: &rng) + function.initialParameters(rng: &rng) + [0.7, -1.2]
    }()
    static let base = randomValues(2 * points, -1, 1, seed: 9)

    /// The quantity under test as a jet over the points, given the input jet.
    struct Case {
        let name: String
        let build: (Tape, Var) -> Var
    }

    static let cases: [Case] = [
        Case(name: "trained scalar × u") { t, x in
            let u = t.column(solution(x, on: t), 0)
            let lambda = t.parameterBroadcast(offset: plainOffset, positive: false, rows: points, layout: layout)
            return t.multiply(lambda, u)
        },
        Case(name: "positive trained scalar × u + scalar") { t, x in
            let u = t.column(solution(x, on: t), 1)
            let lambda = t.parameterBroadcast(offset: positiveOffset, positive: true, rows: points, layout: layout)
            return t.add(t.multiply(lambda, u), t.parameterBroadcast(offset: plainOffset, positive: false, rows: points, layout: layout))
        },
        Case(name: "R(u, v) on the output jets") { t, x in
            let out = solution(x, on: t)
            return function(t.concatenateColumns([t.column(out, 0), t.column(out, 1)]), on: t)
        },
        Case(name: "λ · R(u, u·v)") { t, x in
            let out = solution(x, on: t)
            let u = t.column(out, 0), v = t.column(out, 1)
            let r = function(t.concatenateColumns([u, t.multiply(u, v)]), on: t)
            return t.multiply(t.parameterBroadcast(offset: positiveOffset, positive: true, rows: points, layout: layout), r)
        },
    ]

    private func record<T>(_ theta: [Double], _ body: (Tape) -> T) -> T {
        let tape = Tape(parameterCount: Self.parameterCount)
        return theta.withUnsafeBufferPointer { th in
            tape.begin(parameters: th.baseAddress!)
            return body(tape)
        }
    }

    func testJetsMatchFiniteDifferences() {
        let layout = Self.layout
        for c in Self.cases {
            func components(at points: [Double]) -> [Double] {
                record(Self.theta) { t in t.value(c.build(t, t.inputJet(points: points, layout: layout))) }
            }
            let y = components(at: Self.base)
            let block = y.count / layout.count
            for (ci, partial) in layout.components.enumerated() {
                for input in 0..<2 {
                    guard let higher = layout.index(of: Partial(partial.inputs + [input])) else { continue }
                    for p in 0..<Self.points {
                        let fd = centralDifference(1e-3) { h in
                            var shifted = Self.base
                            shifted[2 * p + input] += h
                            return components(at: shifted)[ci * block + p]
                        }
                        assertClose(y[higher * block + p], fd, relative: 1e-7, "\(c.name): ∂/∂x\(input) of \(partial) at point \(p)")
                    }
                }
            }
        }
    }

    /// A weighted sum of every jet component: its θ-gradient from one reverse sweep.
    func testParameterGradientsMatchFiniteDifferences() {
        for c in Self.cases {
            func loss(_ theta: [Double], backward: Bool) -> (Double, [Double]) {
                record(theta) { t in
                    let y = c.build(t, t.inputJet(points: Self.base, layout: Self.layout))
                    let w = randomValues(t.shape(y).count, seed: 17)
                    let l = zip(w, t.value(y)).reduce(0) { $0 + $1.0 * $1.1 }
                    guard backward else { return (l, []) }
                    t.zeroParameterGradient()
                    t.backward(from: y, seed: w)
                    return (l, Array(UnsafeBufferPointer(start: t.parameterGradient, count: Self.parameterCount)))
                }
            }
            let g = loss(Self.theta, backward: true).1
            for i in 0..<Self.parameterCount {
                let fd = centralDifference(1e-3) { h in var v = Self.theta; v[i] += h; return loss(v, backward: false).0 }
                assertClose(g[i], fd, relative: 1e-7, "\(c.name): ∂L/∂θ[\(i)]")
            }
        }
    }

    /// The residual r = value of the case's jet + ∂/∂x1 of it (value-only, one per point):
    /// the row-Jacobian sweep gives ∂r_p/∂θ row by row, as finite differences of each r_p.
    func testRowJacobianMatchesFiniteDifferences() {
        let dt = Partial([1])
        for c in Self.cases {
            func residual(_ t: Tape) -> Var {
                let y = c.build(t, t.inputJet(points: Self.base, layout: Self.layout))
                return t.add(t.component(y, .value), t.component(y, dt))
            }
            let rows = record(Self.theta) { t -> [Double] in
                let r = residual(t)
                var jacobian = [Double](repeating: 0, count: Self.points * Self.parameterCount)
                jacobian.withUnsafeMutableBufferPointer { j in
                    t.rowJacobian = j.baseAddress!
                    t.backward(from: r, seed: [Double](repeating: 1, count: Self.points))
                    t.rowJacobian = nil
                }
                return jacobian
            }
            for i in 0..<Self.parameterCount {
                for p in 0..<Self.points {
                    let fd = centralDifference(1e-3) { h in
                        var v = Self.theta
                        v[i] += h
                        return record(v) { t in t.value(residual(t))[p] }
                    }
                    assertClose(rows[p * Self.parameterCount + i], fd, relative: 1e-7, "\(c.name): ∂r[\(p)]/∂θ[\(i)]")
                }
            }
        }
    }

    /// The broadcast jet holds λ in the value block and zeros elsewhere; λ = e^θ when positive.
    func testBroadcastValues() {
        let values = record(Self.theta) { t in
            t.value(t.parameterBroadcast(offset: Self.positiveOffset, positive: true, rows: 3, cols: 2, layout: Self.layout))
        }
        XCTAssertEqual(values.count, Self.layout.count * 6)
        for v in values.prefix(6) { XCTAssertEqual(v, Foundation.exp(-1.2), accuracy: 1e-15) }
        XCTAssertTrue(values.dropFirst(6).allSatisfy { $0 == 0 }, "derivative blocks of a constant are zero")
    }
}
