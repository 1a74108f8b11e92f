/// A dense, row-major tensor of `Double` with value semantics.
///
/// Storage is a Swift array, so copies are cheap until written (copy on write). The hot
/// paths of ENNCore work on raw buffers owned by a `Tape`; `Tensor` is the type for
/// data that crosses API boundaries (inputs, outputs, parameters, tests).
public struct Tensor: Equatable, Sendable {
    public private(set) var shape: [Int]
    public var scalars: [Double]

    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, scalars: [Double](repeating: 0, count: shape.reduce(1, *)))
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    /// Row-major offset of a multi-index.
    @inlinable public func offset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "Tensor: index \(index) for shape \(shape)")
        var o = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "Tensor: index \(index) out of bounds for shape \(shape)")
            o = o * n + i
        }
        return o
    }

    public subscript(_ index: Int...) -> Double {
        get { scalars[offset(index)] }
        set { scalars[offset(index)] = newValue }
    }

    /// The same scalars viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, scalars: scalars) }
}

extension Tensor {
    /// Matrix product of two rank-2 tensors, C = A·B, through the GEMM kernels.
    public func matmul(_ other: Tensor) -> Tensor {
        precondition(rank == 2 && other.rank == 2 && shape[1] == other.shape[0],
                     "Tensor.matmul: shapes \(shape) and \(other.shape) do not chain")
        let (m, k, n) = (shape[0], shape[1], other.shape[1])
        var out = Tensor(zeros: [m, n])
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                out.scalars.withUnsafeMutableBufferPointer { c in
                    Gemm.multiply(m: m, n: n, k: k, a: a.baseAddress!, lda: k, transposeA: false,
                                  b: b.baseAddress!, ldb: n, c: c.baseAddress!, ldc: n, accumulate: false)
                }
            }
        }
        return out
    }
}
