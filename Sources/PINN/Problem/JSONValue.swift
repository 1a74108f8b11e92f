import Foundation

/// A parsed JSON document that, unlike `JSONSerialization`, keeps object members in source
/// order (so residuals, conditions and loss columns keep the order the author wrote them in).
enum JSONValue: Equatable, Sendable {
    /// One `"key": value` member of an object.
    struct Member: Equatable, Sendable {
        var key: String
        var value: JSONValue
    }

    case null
    case bool(Bool)
    /// A number and its literal text (`1e-3`), so messages can quote what the author wrote.
    case number(Double, literal: String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// How an error message names this value: `the string 'abc'`, `the number 3.5`, `an array`.
    var summary: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(_, let literal): return "the number \(literal)"
        case .string(let s):
            let shown = s.count > 40 ? String(s.prefix(37)) + "..." : s
            return "the string '\(shown)'"
        case .array(let items): return items.isEmpty ? "an empty array" : "an array"
        case .object: return "an object"
        }
    }
}
