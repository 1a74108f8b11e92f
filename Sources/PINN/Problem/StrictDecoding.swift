import Foundation

// Helpers that make `init(from:)` implementations reject what they do not understand, with
// messages that say what was expected. They work with any `Decoder` (also `JSONDecoder`).

extension Decoder {
    /// A keyed container for `Key`, after checking that the object has no key outside
    /// `allowed` (default: every case of `Key`).
    ///
    /// An unknown key throws `DecodingError.dataCorrupted` at the path of that key, e.g.
    /// `network.hiden: unknown key (expected one of hidden, activation, ...); did you mean 'hidden'?`.
    /// With several unknown keys the first in alphabetical order is reported, so the message
    /// does not depend on hashing. `reason` replaces "unknown key" when `allowed` is a subset
    /// chosen by a discriminator (`key 'input' is not used by kind 'dirichlet'`).
    func strictContainer<Key: CodingKey & CaseIterable>(
        keyedBy type: Key.Type, allowed: [Key]? = nil, reason: ((String) -> String)? = nil
    ) throws -> KeyedDecodingContainer<Key> {
        let allowedNames = (allowed ?? Array(Key.allCases)).map(\.stringValue)
        let known = Set(allowedNames)
        let any = try container(keyedBy: AnyCodingKey.self)
        let unknown = any.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        if let bad = unknown.first {
            let lead = reason?(bad) ?? "unknown key"
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [AnyCodingKey(bad)],
                debugDescription: "\(lead) (expected one of \(allowedNames.joined(separator: ", ")))\(Suggestion.didYouMean(bad, among: allowedNames))"))
        }
        return try container(keyedBy: type)
    }
}

extension KeyedDecodingContainer {
    /// A `DecodingError` at `key` with a ready-to-read message.
    func failure(_ key: Key, _ message: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: message))
    }
}

/// A closed set of names in a problem file (activations, samplers, condition kinds, ...).
///
/// Decoding an unknown name fails with `unknown value 'lft' (expected one of ...)`.
public protocol SpecEnum: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension SpecEnum {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let value = Self(rawValue: name) else {
            let names = Self.allCases.map(\.rawValue)
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "unknown value '\(name)' (expected one of \(names.joined(separator: ", ")))\(Suggestion.didYouMean(name, among: names))"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// "Did you mean" hints by edit distance.
enum Suggestion {
    /// `; did you mean 'hidden'?` (appended after the closing parenthesis of an expectation) when one candidate is close to `name`, else an empty string.
    static func didYouMean(_ name: String, among candidates: [String]) -> String {
        guard let best = closest(to: name, among: candidates) else { return "" }
        return "; did you mean '\(best)'?"
    }

    /// The candidate with the smallest edit distance, if it is at most 2 and at most half the
    /// name's length (case is ignored).
    static func closest(to name: String, among candidates: [String]) -> String? {
        let n = Array(name.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(n, Array(c.lowercased()))
            if d <= 2, d * 2 <= n.count, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
