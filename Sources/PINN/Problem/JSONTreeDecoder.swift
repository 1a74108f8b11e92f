import Foundation

/// A `Decoder` over a ``JSONValue`` tree.
///
/// Compared with `JSONDecoder` it keeps `allKeys` in source order, accepts an integer written
/// as `1e4` or `100.0`, and throws `DecodingError`s whose `debugDescription` is already the
/// one-line message a user should read (`expected an integer, found the number 2.5`).
struct JSONTreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, codingPath: [CodingKey] = []) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw JSONTreeDecoder.mismatch([String: Int].self, expected: "an object", found: value, at: codingPath)
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .array(let items) = value else {
            throw JSONTreeDecoder.mismatch([Int].self, expected: "an array", found: value, at: codingPath)
        }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }

    // MARK: scalar conversions shared by the containers

    static func mismatch(_ type: Any.Type, expected: String, found: JSONValue, at path: [CodingKey]) -> DecodingError {
        if found == .null {
            return .valueNotFound(type, .init(codingPath: path, debugDescription: "expected \(expected), found null"))
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(expected), found \(found.summary)"))
    }

    static func bool(_ v: JSONValue, _ path: [CodingKey]) throws -> Bool {
        guard case .bool(let b) = v else { throw mismatch(Bool.self, expected: "true or false", found: v, at: path) }
        return b
    }

    static func string(_ v: JSONValue, _ path: [CodingKey]) throws -> String {
        guard case .string(let s) = v else { throw mismatch(String.self, expected: "a string", found: v, at: path) }
        return s
    }

    static func double(_ v: JSONValue, _ path: [CodingKey]) throws -> Double {
        guard case .number(let d, _) = v else { throw mismatch(Double.self, expected: "a number", found: v, at: path) }
        return d
    }

    static func integer<T: FixedWidthInteger>(_ v: JSONValue, _ path: [CodingKey], as: T.Type) throws -> T {
        guard case .number(let d, let literal) = v else {
            throw mismatch(T.self, expected: "an integer", found: v, at: path)
        }
        guard d == d.rounded(), let i = T(exactly: d) else {
            let why = d == d.rounded() ? "an integer between \(T.min) and \(T.max)" : "an integer"
            throw DecodingError.typeMismatch(T.self, .init(codingPath: path, debugDescription: "expected \(why), found the number \(literal)"))
        }
        return i
    }

    static func decode<T: Decodable>(_ type: T.Type, from v: JSONValue, at path: [CodingKey]) throws -> T {
        switch type {
        case is Bool.Type: return try bool(v, path) as! T
        case is String.Type: return try string(v, path) as! T
        case is Double.Type: return try double(v, path) as! T
        case is Float.Type: return Float(try double(v, path)) as! T
        case is Int.Type: return try integer(v, path, as: Int.self) as! T
        default: return try T(from: JSONTreeDecoder(v, codingPath: path))
        }
    }
}

/// Keyed access to an object's members, in source order.
private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONValue.Member]
    let codingPath: [CodingKey]
    private let index: [String: Int]

    init(members: [JSONValue.Member], codingPath: [CodingKey]) {
        self.members = members
        self.codingPath = codingPath
        var index: [String: Int] = [:]
        for (i, m) in members.enumerated() { index[m.key] = i }
        self.index = index
    }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { index[key.stringValue] != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let i = index[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required key is missing"))
        }
        return members[i].value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try JSONTreeDecoder.decode(type, from: value(key), at: codingPath + [key])
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONTreeDecoder.bool(value(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONTreeDecoder.string(value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONTreeDecoder.double(value(key), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try JSONTreeDecoder.double(value(key), codingPath + [key])) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try JSONTreeDecoder.integer(value(key), codingPath + [key], as: UInt64.self) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try JSONTreeDecoder(value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> Decoder {
        JSONTreeDecoder(.object(members), codingPath: codingPath)
    }
    func superDecoder(forKey key: Key) throws -> Decoder {
        JSONTreeDecoder(try value(key), codingPath: codingPath + [key])
    }
}

/// Sequential access to an array's elements.
private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next<T>(_ read: (JSONValue, [CodingKey]) throws -> T) throws -> T {
        let path = codingPath + [IndexKey(currentIndex)]
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: path, debugDescription: "expected another array element"))
        }
        let result = try read(items[currentIndex], path)
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if items[currentIndex] == .null { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { try JSONTreeDecoder.decode(type, from: $0, at: $1) }
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(JSONTreeDecoder.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try next(JSONTreeDecoder.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(JSONTreeDecoder.double) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try JSONTreeDecoder.integer($0, $1, as: Int.self) } }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try next(JSONTreeDecoder.double)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try JSONTreeDecoder.integer($0, $1, as: Int8.self) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try JSONTreeDecoder.integer($0, $1, as: Int16.self) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try JSONTreeDecoder.integer($0, $1, as: Int32.self) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try JSONTreeDecoder.integer($0, $1, as: Int64.self) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try JSONTreeDecoder.integer($0, $1, as: UInt.self) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try JSONTreeDecoder.integer($0, $1, as: UInt8.self) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try JSONTreeDecoder.integer($0, $1, as: UInt16.self) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try JSONTreeDecoder.integer($0, $1, as: UInt32.self) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try JSONTreeDecoder.integer($0, $1, as: UInt64.self) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { try JSONTreeDecoder($0, codingPath: $1).container(keyedBy: type) }
    }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        try next { try JSONTreeDecoder($0, codingPath: $1).unkeyedContainer() }
    }
    mutating func superDecoder() throws -> Decoder {
        try next { JSONTreeDecoder($0, codingPath: $1) }
    }
}

/// Access to a single scalar value.
private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONTreeDecoder.decode(type, from: value, at: codingPath) }
    func decode(_ type: Bool.Type) throws -> Bool { try JSONTreeDecoder.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONTreeDecoder.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONTreeDecoder.double(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try JSONTreeDecoder.double(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try JSONTreeDecoder.integer(value, codingPath, as: Int.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONTreeDecoder.integer(value, codingPath, as: Int64.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONTreeDecoder.integer(value, codingPath, as: Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONTreeDecoder.integer(value, codingPath, as: Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONTreeDecoder.integer(value, codingPath, as: Int32.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONTreeDecoder.integer(value, codingPath, as: UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONTreeDecoder.integer(value, codingPath, as: UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONTreeDecoder.integer(value, codingPath, as: UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONTreeDecoder.integer(value, codingPath, as: UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONTreeDecoder.integer(value, codingPath, as: UInt64.self) }
}
