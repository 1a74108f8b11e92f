import XCTest
import ENNCore

/// Table-driven checks of every tape primitive: jets (each derivative component against a
/// finite difference of the component one order lower, so all orders up to 4 and the mixed
/// terms are covered) and VJPs (input and parameter gradients against central differences).
final class PrimitiveTests: XCTestCase {
    /// 2 inputs; every first and second derivative, and pure third and fourth in input 0.
    static let layout = JetLayout(inputCount: 2, requested: [
        Partial([0, 0, 0, 0]), Partial([0, 1]), Partial([1, 1]), Partial([0, 0, 0]),
    ])
    static let points = 3
    static let parameterCount = 2 * 3 + 3

    struct Case {
        let name: String
        /// Builds the op under test from two smooth jets a, b (width 3) on the tape.
        let build: (Tape, Var, Var) -> Var
    }

    /// Operands are smooth, non-trivial functions of the inputs with values in [1.5, 2.5]
    /// (so log, sqrt, 1/x, x⁻² are defined): a = 2 + ½ sin(x·W₁), b = 2 + ½ cos(x·W₂ + c).
    static let cases: [Case] = [
        Case(name: "tanh") { t, a, _ in t.tanh(t.affine(a, scale: 3, shift: -6)) },
        Case(name: "sin") { t, a, _ in t.sin(a) },
        Case(name: "cos") { t, a, _ in t.cos(a) },
        Case(name: "exp") { t, a, _ in t.exp(a) },
        Case(name: "log") { t, a, _ in t.log(a) },
        Case(name: "sqrt") { t, a, _ in t.sqrt(a) },
        Case(name: "abs") { t, a, _ in t.abs(t.affine(a, scale: -1)) },
        Case(name: "reciprocal") { t, a, _ in t.reciprocal(a) },
        Case(name: "power 3") { t, a, _ in t.power(a, 3) },
        Case(name: "power -2") { t, a, _ in t.power(a, -2) },
        Case(name: "silu") { t, a, _ in t.apply(.silu, t.affine(a, scale: 2, shift: -4)) },
        Case(name: "gelu") { t, a, _ in t.apply(.gelu, t.affine(a, scale: 2, shift: -4)) },
        Case(name: "add") { t, a, b in t.add(a, b) },
        Case(name: "subtract") { t, a, b in t.subtract(a, b) },
        Case(name: "multiply") { t, a, b in t.multiply(a, b) },
        Case(name: "divide") { t, a, b in t.divide(a, b) },
        Case(name: "affine") { t, a, _ in t.affine(a, scale: -1.7, shift: 0.3) },
        Case(name: "linear (θ)") { t, a, _ in t.linear(a, inFeatures: 3, outFeatures: 2, weightOffset: 0, biasOffset: 6) },
        Case(name: "column") { t, a, _ in t.column(a, 1) },
        Case(name: "concatenate") { t, a, b in t.concatenateColumns([a, t.column(b, 2)]) },
    ]

    /// Fixed weights of the operand maps and the parameter vector θ.
    static let w1 = [0.9, -0.4, 1.3, 0.5, 1.1, -0.8], w2 = [-0.6, 0.7, 0.4, 1.2, -0.9, 0.3]
    static let theta = randomValues(parameterCount, seed: 11)

    static func operands(_ tape: Tape, points: [Double]) -> (Var, Var) {
        let x = tape.inputJet(points: points, layout: layout)
        let a = tape.affine(tape.sin(tape.linear(x, fixedWeights: w1, inFeatures: 2, outFeatures: 3)), scale: 0.5, shift: 2)
        let b = tape.affine(tape.cos(tape.affine(tape.linear(x, fixedWeights: w2, inFeatures: 2, outFeatures: 3), scale: 1, shift: 0.4)),
                            scale: 0.5, shift: 2)
        return (a, b)
    }

    func testJetsMatchFiniteDifferences() {
        let base = randomValues(2 * Self.points, -1, 1, seed: 5)
        let layout = Self.layout
        for c in Self.cases {
            func components(at points: [Double]) -> [Double] {
                let tape = Tape(parameterCount: Self.parameterCount)
                return Self.theta.withUnsafeBufferPointer { th in
                    tape.begin(parameters: th.baseAddress!)
                    let (a, b) = Self.operands(tape, points: points)
                    return tape.value(c.build(tape, a, b))
                }
            }
            let y = components(at: base)
            let block = y.count / layout.count
            let width = block / Self.points
            for (ci, partial) in layout.components.enumerated() {
                for input in 0..<2 {
                    guard let higher = layout.index(of: Partial(partial.inputs + [input])) else { continue }
                    for p in 0..<Self.points {
                        let fd = (0..<width).map { col in
                            centralDifference(1e-3) { h in
                                var shifted = base
                                shifted[2 * p + input] += h
                                return components(at: shifted)[ci * block + p * width + col]
                            }
                        }
                        for col in 0..<width {
                            assertClose(y[higher * block + p * width + col], fd[col], relative: 1e-7,
                                        "\(c.name): ∂/∂x\(input) of \(partial) at point \(p) column \(col)")
                        }
                    }
                }
            }
        }
    }

    func testVJPsMatchFiniteDifferences() {
        let layout = Self.layout
        let n = Self.points
        for c in Self.cases {
            // Operands become free variables so their gradients are checked directly.
            // Values in [1.5, 2.5] (inside every function's domain), derivatives in [−½, ½].
            let block = n * 3
            let aValues = randomValues(block, 1.5, 2.5, seed: 21) + randomValues((layout.count - 1) * block, -0.5, 0.5, seed: 23)
            let bValues = randomValues(block, 1.5, 2.5, seed: 22) + randomValues((layout.count - 1) * block, -0.5, 0.5, seed: 24)
            let shape = JetShape(components: layout.count, rows: n, cols: 3)
            func loss(_ av: [Double], _ bv: [Double], _ th: [Double], seed: [Double]?) -> (Double, [Double], [Double], [Double]) {
                let tape = Tape(parameterCount: Self.parameterCount)
                return th.withUnsafeBufferPointer { p in
                    tape.begin(parameters: p.baseAddress!)
                    let a = tape.variable(av, shape: shape, layout: layout), b = tape.variable(bv, shape: shape, layout: layout)
                    let y = c.build(tape, a, b)
                    let w = randomValues(tape.shape(y).count, seed: 31)
                    let l = zip(w, tape.value(y)).reduce(0) { $0 + $1.0 * $1.1 }
                    guard seed != nil else { return (l, [], [], []) }
                    tape.backward(from: y, seed: w)
                    return (l, tape.gradientValue(a), tape.gradientValue(b),
                            Array(UnsafeBufferPointer(start: tape.parameterGradient, count: Self.parameterCount)))
                }
            }
            let (_, ga, gb, gth) = loss(aValues, bValues, Self.theta, seed: [])
            for i in 0..<aValues.count {
                let fdA = centralDifference(1e-3) { h in var v = aValues; v[i] += h; return loss(v, bValues, Self.theta, seed: nil).0 }
                assertClose(ga[i], fdA, relative: 1e-7, "\(c.name): ∂L/∂a[\(i)]")
                let fdB = centralDifference(1e-3) { h in var v = bValues; v[i] += h; return loss(aValues, v, Self.theta, seed: nil).0 }
                assertClose(gb[i], fdB, relative: 1e-7, "\(c.name): ∂L/∂b[\(i)]")
            }
            for i in 0..<Self.parameterCount {
                let fd = centralDifference(1e-3) { h in var v = Self.theta; v[i] += h; return loss(aValues, bValues, v, seed: nil).0 }
                assertClose(gth[i], fd, relative: 1e-7, "\(c.name): ∂L/∂θ[\(i)]")
            }
        }
    }

    func testReductionsAndComponentVJPs() {
        let layout = Self.layout
        let shape = JetShape(components: layout.count, rows: 4, cols: 1)
        let values = randomValues(shape.count, seed: 41)
        func loss(_ v: [Double], backward: Bool) -> (Double, [Double]) {
            let tape = Tape(parameterCount: 1)
            let th = [0.0]
            return th.withUnsafeBufferPointer { p in
                tape.begin(parameters: p.baseAddress!)
                let u = tape.variable(v, shape: shape, layout: layout)
                let r = tape.add(tape.component(u, Partial([0, 1])),
                                 tape.multiply(tape.component(u, .value), tape.component(u, Partial([0, 0, 0, 0]))))
                let total = tape.weightedSum([tape.sumOfSquares(r, scale: 0.25), tape.sumOfSquares(tape.component(u, Partial([1])))],
                                             weights: [2, 0.5])
                if backward { tape.backward(from: total) }
                return (tape.scalar(total), backward ? tape.gradientValue(u) : [])
            }
        }
        let g = loss(values, backward: true).1
        for i in values.indices {
            let fd = centralDifference(1e-5) { h in var v = values; v[i] += h; return loss(v, backward: false).0 }
            assertClose(g[i], fd, relative: 1e-7, "component/sumOfSquares/weightedSum: ∂L/∂u[\(i)]")
        }
    }

    /// Saturated and overflowing arguments give finite jets and gradients.
    func testExtremeInputsStayFinite() {
        let layout = Self.layout
        let shape = JetShape(components: layout.count, rows: 4, cols: 1)
        var v = [Double](repeating: 1, count: shape.count)
        v[0] = 300; v[1] = -300; v[2] = 709; v[3] = -745
        for f in [ScalarFunction.tanh, .exp, .silu, .gelu, .sin] {
            let tape = Tape(parameterCount: 1)
            let th = [0.0]
            th.withUnsafeBufferPointer { p in
                tape.begin(parameters: p.baseAddress!)
                let u = tape.variable(f == .exp ? v.map { min($0, 700) } : v, shape: shape, layout: layout)
                let y = tape.apply(f, u)
                tape.backward(from: y, seed: [Double](repeating: 1, count: shape.count))
                XCTAssert(tape.value(y).allSatisfy(\.isFinite), "\(f): non-finite jet for extreme inputs")
                XCTAssert(tape.gradientValue(u).allSatisfy(\.isFinite), "\(f): non-finite gradient for extreme inputs")
            }
        }
    }
}
