import Foundation

/// A JSON object read as an ordered list of named values: `{"nu": 0.01, "alpha": "1/pi"}`.
///
/// Order is the order in the file (with the loader's decoder), so residuals, conditions and
/// loss columns come out in the order the author wrote them.
public struct NamedValues<Value> {
    /// One `name: value` entry.
    public struct Entry {
        public var name: String
        public var value: Value
        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    /// Entries from pairs, in the given order.
    public init(_ pairs: KeyValuePairs<String, Value>) {
        entries = pairs.map { Entry(name: $0.key, value: $0.value) }
    }

    public var names: [String] { entries.map(\.name) }
    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// The value named `name`, if any.
    public subscript(name: String) -> Value? {
        entries.first { $0.name == name }?.value
    }
}

extension NamedValues.Entry: Equatable where Value: Equatable {}
extension NamedValues.Entry: Sendable where Value: Sendable {}
extension NamedValues: Equatable where Value: Equatable {}
extension NamedValues: Sendable where Value: Sendable {}

extension NamedValues: Codable where Value: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        entries = try container.allKeys.map { Entry(name: $0.stringValue, value: try container.decode(Value.self, forKey: $0)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for e in entries { try container.encode(e.value, forKey: AnyCodingKey(e.name)) }
    }
}

/// One value or a list of them: `"side": "left"` or `"side": ["left", "right"]`.
public enum OneOrMany<Value> {
    case one(Value)
    case many([Value])

    /// The values in order.
    public var values: [Value] {
        switch self {
        case .one(let v): return [v]
        case .many(let vs): return vs
        }
    }
}

extension OneOrMany: Equatable where Value: Equatable {}
extension OneOrMany: Sendable where Value: Sendable {}

extension OneOrMany: Codable where Value: Codable {
    public init(from decoder: Decoder) throws {
        if let list = try? [Value](from: decoder) {
            self = .many(list)
        } else if let single = try? Value(from: decoder) {
            self = .one(single)
        } else if (try? decoder.unkeyedContainer()) != nil {
            // An array whose elements are wrong: report the element's own error.
            self = .many(try [Value](from: decoder))
        } else {
            self = .one(try Value(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .one(let v): try v.encode(to: encoder)
        case .many(let vs): try vs.encode(to: encoder)
        }
    }
}

/// The text of an expression in a problem file. A JSON number is accepted too and kept as
/// its shortest decimal spelling (`"value": 0` reads as the expression `0`).
public struct ExpressionSource: Codable, Equatable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    /// A number's shortest round-tripping spelling (`2`, `0.001`, `1e-05`).
    public init(_ number: Double) { text = ExpressionSource.spell(number) }

    public var description: String { text }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) {
            text = s
        } else if let d = try? container.decode(Double.self) {
            text = ExpressionSource.spell(d)
        } else {
            throw DecodingError.typeMismatch(String.self, .init(
                codingPath: decoder.codingPath,
                debugDescription: "expected a number or an expression in a string, found \(ExpressionSource.describe(decoder))"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    static func spell(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    private static func describe(_ decoder: Decoder) -> String {
        if let tree = decoder as? JSONTreeDecoder { return tree.value.summary }
        return "another kind of value"
    }
}
