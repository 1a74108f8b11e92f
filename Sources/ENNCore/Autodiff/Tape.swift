/// A handle to a value recorded on a `Tape`.
public struct Var: Hashable, Sendable {
    public let id: Int
}

/// The shape of a tape value: `components` jet blocks, each a row-major [rows × cols] matrix
/// (rows = points, cols = features). A value-only quantity has components == 1.
public struct JetShape: Equatable, Sendable, CustomStringConvertible {
    public let components: Int
    public let rows: Int
    public let cols: Int
    public init(components: Int, rows: Int, cols: Int) {
        precondition(components >= 1 && rows >= 0 && cols >= 0, "JetShape: invalid [\(components)×\(rows)×\(cols)]")
        self.components = components; self.rows = rows; self.cols = cols
    }
    public var block: Int { rows * cols }
    public var count: Int { components * rows * cols }
    public var description: String { "[\(components)×\(rows)×\(cols)]" }
}

/// One recorded operation: knows its inputs and how to pull an output gradient back.
protocol TapeOperation: AnyObject {
    func backward(_ tape: Tape)
}

/// The reverse-mode tape of coarse, fused primitives.
///
/// Values live in an `Arena` that is reused across passes. Parameters are read from one
/// flat vector θ (`parameters`), and `backward` adds d(output)/dθ into `parameterGradient`,
/// so a caller can accumulate several passes (batch chunks) into one gradient.
/// Not thread-safe: use one tape per thread (see `ParallelLossEvaluator`).
public final class Tape {
    struct Entry {
        let shape: JetShape
        let layout: JetLayout
        let value: UnsafeMutablePointer<Double>
        let requiresGradient: Bool
    }

    var entries: [Entry] = []
    var operations: [TapeOperation] = []
    /// Gradient buffers, by entry id, allocated during `backward`.
    var gradients: [UnsafeMutablePointer<Double>?] = []
    let values = Arena()
    let scratch = Arena()

    public private(set) var parameters: UnsafePointer<Double>
    public private(set) var parameterCount: Int
    /// Where `backward` accumulates d(output)/dθ (count == parameterCount).
    public let parameterGradient: UnsafeMutablePointer<Double>
    /// When set, `backward` keeps one row of parameter derivatives per point instead of
    /// summing over points into `parameterGradient`: row r (stride `parameterCount`) gets
    /// Σ over the output's elements at point r. Seeded with ones from a value-only residual
    /// vector, whose point r depends only on row r of every tape value, this is the Jacobian
    /// ∂r/∂θ (Gauss–Newton), at the cost of one backward pass. The caller zeroes it.
    public var rowJacobian: UnsafeMutablePointer<Double>?

    public init(parameterCount: Int) {
        self.parameterCount = parameterCount
        parameterGradient = .allocate(capacity: max(parameterCount, 1))
        parameterGradient.initialize(repeating: 0, count: max(parameterCount, 1))
        parameters = UnsafePointer(parameterGradient) // replaced by `begin`
    }

    deinit { parameterGradient.deallocate() }

    /// Starts a new pass reading parameters from `theta` (which must outlive the pass).
    public func begin(parameters theta: UnsafePointer<Double>) {
        parameters = theta
        entries.removeAll(keepingCapacity: true)
        operations.removeAll(keepingCapacity: true)
        gradients.removeAll(keepingCapacity: true)
        values.reset()
        scratch.reset()
    }

    public func zeroParameterGradient() { parameterGradient.update(repeating: 0, count: parameterCount) }

    // MARK: recording

    func record(shape: JetShape, layout: JetLayout, requiresGradient: Bool) -> (Var, UnsafeMutablePointer<Double>) {
        precondition(shape.components == layout.count,
                     "Tape: shape \(shape) does not match layout with \(layout.count) components")
        let p = values.allocate(shape.count)
        entries.append(Entry(shape: shape, layout: layout, value: p, requiresGradient: requiresGradient))
        return (Var(id: entries.count - 1), p)
    }

    public func shape(_ v: Var) -> JetShape { entries[v.id].shape }
    public func layout(_ v: Var) -> JetLayout { entries[v.id].layout }
    public func requiresGradient(_ v: Var) -> Bool { entries[v.id].requiresGradient }
    func pointer(_ v: Var) -> UnsafeMutablePointer<Double> { entries[v.id].value }

    /// A copy of a recorded value (all components, component-major).
    public func value(_ v: Var) -> [Double] {
        let e = entries[v.id]
        return Array(UnsafeBufferPointer(start: e.value, count: e.shape.count))
    }

    /// The value of a scalar (1×1×1) entry.
    public func scalar(_ v: Var) -> Double {
        precondition(entries[v.id].shape.count == 1, "Tape.scalar: \(v) has shape \(entries[v.id].shape)")
        return entries[v.id].value[0]
    }

    // MARK: reverse sweep

    /// The gradient buffer of `v` during `backward` (zero-initialised on first use).
    func gradient(_ v: Var) -> UnsafeMutablePointer<Double> {
        if let g = gradients[v.id] { return g }
        let g = scratch.allocateZeroed(entries[v.id].shape.count)
        gradients[v.id] = g
        return g
    }

    /// The gradient buffer of `v` for an operation that will write every element: when
    /// nothing has flowed into it yet (`fresh`), it is left uninitialised and the caller
    /// must overwrite instead of accumulate (saves a memset per buffer).
    func gradientForWriting(_ v: Var) -> (pointer: UnsafeMutablePointer<Double>, fresh: Bool) {
        if let g = gradients[v.id] { return (g, false) }
        let g = scratch.allocate(entries[v.id].shape.count)
        gradients[v.id] = g
        return (g, true)
    }

    /// Whether anything has flowed into `v`'s gradient yet.
    func hasGradient(_ v: Var) -> Bool { gradients[v.id] != nil }

    /// Reverse sweep from `output` seeded with `seed` (one value per element of output);
    /// adds into `parameterGradient` and leaves input gradients readable by `gradientValue`.
    public func backward(from output: Var, seed: [Double]? = nil) {
        gradients.removeAll(keepingCapacity: true) // no fresh array per pass
        gradients.append(contentsOf: repeatElement(nil, count: entries.count))
        let g = gradient(output)
        let n = entries[output.id].shape.count
        if let seed {
            precondition(seed.count == n, "Tape.backward: seed has \(seed.count) values, output \(n)")
            for i in 0..<n { g[i] = seed[i] }
        } else {
            precondition(n == 1, "Tape.backward: output has \(n) values; pass a seed")
            g[0] = 1
        }
        for op in operations.reversed() { op.backward(self) }
    }

    /// After `backward`: the gradient that reached `v` (zeros if none did).
    public func gradientValue(_ v: Var) -> [Double] {
        guard v.id < gradients.count, let g = gradients[v.id] else {
            return [Double](repeating: 0, count: entries[v.id].shape.count)
        }
        return Array(UnsafeBufferPointer(start: g, count: entries[v.id].shape.count))
    }
}
