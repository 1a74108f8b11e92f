import Foundation

/// Spelling of JSON paths in messages: `conditions[1].side`, `network.hidden[2]`,
/// `parameters["odd key"]`.
enum JSONPath {
    /// Formats a `Decoder` coding path. Array positions (keys with an integer value whose
    /// string is Foundation's `Index N`, or ``IndexKey``) print as `[N]`.
    static func string(_ codingPath: [CodingKey]) -> String {
        string(codingPath.map(component))
    }

    /// Formats path components.
    static func string(_ components: [JSONPathComponent]) -> String {
        var out = ""
        for c in components {
            switch c {
            case .index(let i): out += "[\(i)]"
            case .key(let k):
                if isPlainName(k) { out += out.isEmpty ? k : "." + k } else { out += "[\"\(k)\"]" }
            }
        }
        return out
    }

    static func component(_ key: CodingKey) -> JSONPathComponent {
        if let i = key.intValue, key is IndexKey || key.stringValue == "Index \(i)" { return .index(i) }
        return .key(key.stringValue)
    }

    /// `path` + `.key` (or `["key"]` when the key is not a plain name).
    static func appending(_ path: String, key: String) -> String {
        if !isPlainName(key) { return path + "[\"\(key)\"]" }
        return path.isEmpty ? key : path + "." + key
    }

    /// `path` + `[index]`.
    static func appending(_ path: String, index: Int) -> String { path + "[\(index)]" }

    private static func isPlainName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0 == "$" || CharacterSet.alphanumerics.contains($0) }
    }
}

/// A coding key for an array position.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// A coding key that accepts any name: used to see every key an object really has.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
