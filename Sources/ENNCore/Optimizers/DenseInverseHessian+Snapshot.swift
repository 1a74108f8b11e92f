/// H as plain values, for checkpoints: restoring a snapshot gives an H whose every later
/// product and update is bit-identical to the one it was taken from.
extension DenseInverseHessian {
    public struct Snapshot: Sendable, Equatable {
        /// M, all P² entries as stored (row-major; only the upper triangle is referenced,
        /// the rest is copied too so the buffer is the same bit for bit).
        public var storage: [Double]
        /// H = σ·M.
        public var sigma: Double
        public var isInitial: Bool
        public var restartScale: Double
        public var updateCount: Int

        public init(storage: [Double], sigma: Double, isInitial: Bool, restartScale: Double, updateCount: Int) {
            self.storage = storage; self.sigma = sigma; self.isInitial = isInitial
            self.restartScale = restartScale; self.updateCount = updateCount
        }

        /// P, from the number of stored entries (nil when it is not a square).
        public var dimension: Int? {
            let p = Int(Double(storage.count).squareRoot().rounded())
            return p > 0 && p * p == storage.count ? p : nil
        }
    }

    /// A copy of H's state (8·P² bytes).
    public func snapshot() -> Snapshot {
        Snapshot(storage: Array(UnsafeBufferPointer(start: m, count: dimension * dimension)), sigma: sigma,
                 isInitial: isInitial, restartScale: restartScale, updateCount: updateCount)
    }

    /// Sets H to a snapshot of an H of the same dimension.
    public func restore(_ snapshot: Snapshot) {
        precondition(snapshot.storage.count == dimension * dimension,
                     "DenseInverseHessian.restore: snapshot has \(snapshot.storage.count) entries, H is \(dimension)²")
        snapshot.storage.withUnsafeBufferPointer { m.update(from: $0.baseAddress!, count: $0.count) }
        sigma = snapshot.sigma
        isInitial = snapshot.isInitial
        restartScale = snapshot.restartScale
        updateCount = snapshot.updateCount
    }
}
