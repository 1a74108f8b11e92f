import Foundation

/// A malformed JSON text: where (line and column, 1-based; the JSON path of the enclosing
/// value) and what was expected.
struct JSONSyntaxError: Error, Equatable, Sendable {
    var line: Int
    var column: Int
    /// Coding path of the value being read when the error was found (empty at top level).
    var path: [JSONPathComponent]
    var message: String
}

/// One step of a JSON path: an object key or an array index.
enum JSONPathComponent: Equatable, Sendable {
    case key(String)
    case index(Int)
}

/// A strict RFC 8259 parser over UTF-8 bytes: no comments, no trailing commas, no NaN, and
/// duplicate keys rejected (a silently ignored duplicate is a classic source of confusion).
struct JSONParser {
    private let bytes: [UInt8]
    private var offset = 0
    private var path: [JSONPathComponent] = []
    private static let maximumDepth = 256

    /// Parses `data` (UTF-8) as one JSON value followed only by whitespace.
    static func parse(_ data: Data) throws -> JSONValue {
        var parser = JSONParser(bytes: [UInt8](data))
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.offset = 3 }  // a UTF-8 byte-order mark
        parser.skipWhitespace()
        if parser.atEnd { throw parser.error("the file is empty (expected a JSON object)") }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if !parser.atEnd {
            throw parser.error("unexpected \(parser.describeCurrent()) after the end of the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var atEnd: Bool { offset >= bytes.count }
    private var current: UInt8? { atEnd ? nil : bytes[offset] }

    // MARK: values

    private mutating func parseValue() throws -> JSONValue {
        guard path.count < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        guard let c = current else { throw error("unexpected end of file (expected a value)") }
        switch c {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        default: throw error("unexpected \(describeCurrent()) (expected a value)")
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        offset += 1
        var members: [JSONValue.Member] = []
        var seen = Set<String>()
        skipWhitespace()
        if current == UInt8(ascii: "}") { offset += 1; return .object([]) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()) (expected a key in double quotes)")
            }
            let keyStart = offset
            let key = try parseString()
            if seen.contains(key) {
                offset = keyStart
                throw error("duplicate key '\(key)'")
            }
            seen.insert(key)
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()) (expected ':' after the key '\(key)')")
            }
            offset += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            members.append(.init(key: key, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
            case UInt8(ascii: "}"):
                offset += 1
                return .object(members)
            default:
                throw error("unexpected \(describeCurrent()) (expected ',' or '}' after the value of '\(key)')")
            }
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        offset += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { offset += 1; return .array([]) }
        while true {
            skipWhitespace()
            path.append(.index(items.count))
            let value = try parseValue()
            path.removeLast()
            items.append(value)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            case UInt8(ascii: "]"):
                offset += 1
                return .array(items)
            default:
                throw error("unexpected \(describeCurrent()) (expected ',' or ']' after an array element)")
            }
        }
    }

    // MARK: scalars

    private mutating func parseString() throws -> String {
        offset += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush(_ run: inout [UInt8], into scalars: inout String.UnicodeScalarView) {
            if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll() }
        }
        while true {
            guard let c = current else { throw error("unterminated string (missing closing '\"')") }
            switch c {
            case UInt8(ascii: "\""):
                offset += 1
                flush(&run, into: &scalars)
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(&run, into: &scalars)
                offset += 1
                guard let e = current else { throw error("unterminated string (missing closing '\"')") }
                offset += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"): scalars.append(try parseUnicodeEscape())
                default:
                    offset -= 2
                    throw error("invalid escape sequence in a string")
                }
            case 0..<0x20:
                throw error("control character in a string (write \\n or \\t)")
            default:
                run.append(c)
                offset += 1
            }
        }
    }

    private mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
        let high = try parseHex4()
        if (0xD800..<0xDC00).contains(high) {
            guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                throw error("unpaired UTF-16 surrogate in a \\u escape")
            }
            offset += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired UTF-16 surrogate in a \\u escape") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw error("unpaired UTF-16 surrogate in a \\u escape") }
        return scalar
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count,
              let v = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw error("\\u must be followed by four hexadecimal digits") }
        offset += 4
        return v
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = offset
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while let c = p.current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { p.offset += 1; n += 1 }
            return n
        }
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
            if let c = current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                throw error("numbers must not have leading zeros")
            }
        } else if digits(&self) == 0 {
            throw error("malformed number (expected a digit)")
        }
        if current == UInt8(ascii: ".") {
            offset += 1
            if digits(&self) == 0 { throw error("malformed number (expected a digit after '.')") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            if digits(&self) == 0 { throw error("malformed number (expected digits in the exponent)") }
        }
        let literal = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            offset = start
            throw error("the number \(literal) is out of the range of double precision")
        }
        return .number(value, literal: literal)
    }

    private mutating func expectWord(_ word: String) throws {
        let w = Array(word.utf8)
        guard offset + w.count <= bytes.count, Array(bytes[offset..<offset + w.count]) == w else {
            throw error("unexpected \(describeCurrent()) (expected a value; strings need double quotes)")
        }
        offset += w.count
    }

    // MARK: positions and messages

    private mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { offset += 1 }
    }

    private func describeCurrent() -> String {
        guard let c = current else { return "end of file" }
        if c < 0x80 {
            let ch = Character(Unicode.Scalar(c))
            return c < 0x20 ? "control character" : "'\(ch)'"
        }
        return "non-ASCII character"
    }

    /// An error at the current offset, located by line and column (columns count characters).
    private func error(_ message: String) -> JSONSyntaxError {
        var line = 1, column = 1
        for b in bytes[0..<min(offset, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return JSONSyntaxError(line: line, column: column, path: path, message: message)
    }
}
