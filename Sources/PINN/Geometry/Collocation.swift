import ENNCore

/// Points in the box lower[i]...upper[i] (row-major [n × d], d = lower.count) from unit-cube
/// points `unit` (row-major [n × d]): x_i = lower_i + (upper_i − lower_i) · u_i, kept ≤ upper_i
/// against rounding.
public func scaleToBox(_ unit: [Double], lower: [Double], upper: [Double]) -> [Double] {
    samplingCheckBox(lower: lower, upper: upper, caller: "scaleToBox")
    let d = lower.count
    precondition(unit.count % d == 0,
                 "scaleToBox: unit has \(unit.count) values, not a multiple of the dimension \(d)")
    var out = [Double](repeating: 0, count: unit.count)
    let n = unit.count / d
    for p in 0..<n {
        for j in 0..<d {
            out[p * d + j] = samplingScale(unit[p * d + j], lower[j], upper[j])
        }
    }
    return out
}

/// n points on the face of the box lower...upper where coordinate `axis` is fixed at `value`
/// (exactly), row-major [n × d]; the other d − 1 coordinates are `samplePoints(kind, n, d − 1)`
/// scaled to their intervals. In one dimension every point is [value] and the generator is
/// not used.
public func sampleFace(_ kind: SamplerKind, count n: Int, lower: [Double], upper: [Double],
                       axis: Int, value: Double, rng: inout RandomGenerator) -> [Double] {
    samplingCheckBox(lower: lower, upper: upper, caller: "sampleFace")
    let d = lower.count
    precondition(n >= 0, "sampleFace: count must be ≥ 0, got \(n)")
    precondition(axis >= 0 && axis < d, "sampleFace: axis must be in 0..<\(d), got \(axis)")
    precondition(value >= lower[axis] && value <= upper[axis],
                 "sampleFace: value \(value) lies outside [\(lower[axis]), \(upper[axis])] on axis \(axis)")
    if d == 1 { return [Double](repeating: value, count: n) }
    let unit = samplePoints(kind, count: n, dimension: d - 1, rng: &rng)
    var out = [Double](repeating: 0, count: n * d)
    for p in 0..<n {
        var k = p * (d - 1)
        for j in 0..<d {
            if j == axis {
                out[p * d + j] = value
            } else {
                out[p * d + j] = samplingScale(unit[k], lower[j], upper[j])
                k += 1
            }
        }
    }
    return out
}

/// n points spread over several faces of the box lower...upper in proportion to their
/// (d−1)-measure, concatenated face by face in the order of `faces` (counts from
/// `faceCounts`), row-major [n × d]. Each face is drawn by `sampleFace` with the same
/// generator, one after another.
public func sampleFaces(_ kind: SamplerKind, count n: Int, lower: [Double], upper: [Double],
                        faces: [(axis: Int, value: Double)], rng: inout RandomGenerator) -> [Double] {
    let counts = faceCounts(count: n, lower: lower, upper: upper, faces: faces)
    var out: [Double] = []
    out.reserveCapacity(n * lower.count)
    for (f, face) in faces.enumerated() where counts[f] > 0 {
        out += sampleFace(kind, count: counts[f], lower: lower, upper: upper,
                          axis: face.axis, value: face.value, rng: &rng)
    }
    return out
}

/// How `sampleFaces` splits n points over `faces`: face f with measure
/// μ_f = Π_{i ≠ axis_f} (upper_i − lower_i) gets about q_f = n μ_f / Σμ points.
///
/// Largest-remainder (Hamilton) apportionment: ⌊q_f⌋ each, then one more to the faces with
/// the largest fractional parts (earlier face first on ties). When n ≥ faces.count, a face
/// left with none then takes one from the face furthest above its quota (count − q_f), so
/// every face gets at least one. The counts sum to n. In one dimension (endpoint faces) and
/// when every measure is zero all faces weigh the same.
public func faceCounts(count n: Int, lower: [Double], upper: [Double],
                       faces: [(axis: Int, value: Double)]) -> [Int] {
    samplingCheckBox(lower: lower, upper: upper, caller: "faceCounts")
    let d = lower.count
    precondition(n >= 0, "faceCounts: count must be ≥ 0, got \(n)")
    precondition(!faces.isEmpty || n == 0, "faceCounts: no faces for \(n) points")
    for (f, face) in faces.enumerated() {
        precondition(face.axis >= 0 && face.axis < d,
                     "faceCounts: faces[\(f)].axis must be in 0..<\(d), got \(face.axis)")
    }
    if faces.isEmpty { return [] }
    var measure = [Double](repeating: 1, count: faces.count)
    for (f, face) in faces.enumerated() {
        for i in 0..<d where i != face.axis { measure[f] *= upper[i] - lower[i] }
    }
    var total = measure.reduce(0, +)
    if !(total > 0) || !total.isFinite {
        for f in measure.indices { measure[f] = 1 }
        total = Double(faces.count)
    }
    var quota = [Double](repeating: 0, count: faces.count)
    var counts = [Int](repeating: 0, count: faces.count)
    for f in faces.indices {
        quota[f] = Double(n) * measure[f] / total
        counts[f] = min(Int(quota[f].rounded(.down)), n)
    }
    var left = n - counts.reduce(0, +)
    if left > 0 {
        let order = faces.indices.sorted { a, b in
            let ra = quota[a] - Double(counts[a]), rb = quota[b] - Double(counts[b])
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while left > 0 { counts[order[i % order.count]] += 1; left -= 1; i += 1 }
    } else if left < 0 {
        // Rounding made Σ⌊q_f⌋ exceed n: take back from the largest counts.
        while left < 0 {
            let f = counts.indices.max { counts[$0] < counts[$1] }!
            counts[f] -= 1
            left += 1
        }
    }
    if n >= faces.count {
        for f in faces.indices where counts[f] == 0 {
            var donor = -1
            for g in faces.indices where counts[g] > 1 {
                if donor < 0 || Double(counts[g]) - quota[g] > Double(counts[donor]) - quota[donor] { donor = g }
            }
            counts[donor] -= 1
            counts[f] = 1
        }
    }
    return counts
}

/// lower + (upper − lower) · u, at most upper.
@inline(__always)
func samplingScale(_ u: Double, _ lower: Double, _ upper: Double) -> Double {
    min(lower + (upper - lower) * u, upper)
}

/// Preconditions shared by the box helpers: matching, non-empty, finite bounds with
/// lower ≤ upper.
func samplingCheckBox(lower: [Double], upper: [Double], caller: String) {
    precondition(!lower.isEmpty, "\(caller): lower is empty (the box needs at least one axis)")
    precondition(lower.count == upper.count,
                 "\(caller): lower has \(lower.count) entries but upper has \(upper.count)")
    for i in lower.indices {
        precondition(lower[i].isFinite && upper[i].isFinite && lower[i] <= upper[i],
                     "\(caller): need finite lower[\(i)] ≤ upper[\(i)], got \(lower[i]) and \(upper[i])")
    }
}
