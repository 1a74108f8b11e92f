import Foundation

/// Everything that can be wrong with a problem file, as one message that names the file, the
/// JSON path and what was expected:
/// ```
/// problems/heat.json: conditions[1].side: unknown value 'lft' (expected one of left, right, initial)
/// ```
/// Expression errors add the expression and a caret line:
/// ```
/// problems/burgers.json: pde.burgers: unexpected ')'
///   u_t + u*u_x - nu*)u_xx
///                    ^
/// ```
public struct ProblemError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The broad kind of failure (all mean exit code 2 for the command-line tool).
    public enum Kind: Equatable, Sendable {
        /// The file does not exist.
        case fileNotFound
        /// The file exists but cannot be read as UTF-8 text.
        case unreadable
        /// The text is not JSON.
        case malformedJSON
        /// JSON of the wrong shape or meaning.
        case invalid
    }

    public var kind: Kind
    /// The file as the user named it.
    public var file: String
    /// JSON path (`conditions[1].side`); empty when the error concerns the whole file.
    public var path: String
    /// One line: what is wrong and what was expected.
    public var message: String
    /// For errors inside an expression: the parse or symbol error with its position.
    public var expression: ExpressionError?

    public init(kind: Kind = .invalid, file: String, path: String, message: String, expression: ExpressionError? = nil) {
        self.kind = kind
        self.file = file
        self.path = path
        self.message = message
        self.expression = expression
    }

    /// An error inside the expression at `path`.
    public init(file: String, path: String, expression: ExpressionError) {
        self.init(kind: .invalid, file: file, path: path, message: expression.message, expression: expression)
    }

    /// `file: path: message`, then the expression excerpt when there is one.
    public var description: String {
        let head = path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
        guard let e = expression else { return head }
        return head + "\n" + e.excerpt
    }
}

extension ProblemError {
    /// Converts a `DecodingError` from any decoder (this package's or Foundation's
    /// `JSONDecoder`) into a message at the error's JSON path.
    public init(file: String, decodingError error: DecodingError) {
        switch error {
        case .typeMismatch(let type, let context):
            self.init(file: file, path: JSONPath.string(context.codingPath),
                      message: Self.expectation(context.debugDescription, type: type, foundNull: false))
        case .valueNotFound(let type, let context):
            self.init(file: file, path: JSONPath.string(context.codingPath),
                      message: Self.expectation(context.debugDescription, type: type, foundNull: true))
        case .keyNotFound(let key, let context):
            let mine = context.debugDescription.hasPrefix("required key")
            self.init(file: file, path: JSONPath.string(context.codingPath + [key]),
                      message: mine ? context.debugDescription : "required key is missing")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, let underlying = context.underlyingError {
                self.init(kind: .malformedJSON, file: file, path: "",
                          message: "malformed JSON: \((underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(underlying)")")
            } else {
                self.init(file: file, path: JSONPath.string(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(file: file, path: "", message: "\(error)")
        }
    }

    /// Our decoder's messages are already in final form (`expected ...`); Foundation's
    /// ("Expected to decode Int but found a string instead.") are rephrased.
    private static func expectation(_ text: String, type: Any.Type, foundNull: Bool) -> String {
        if text.hasPrefix("expected") { return text }
        var message = "expected \(describe(type))"
        if foundNull {
            message += ", found null"
        } else if let range = text.range(of: "but found "), let end = text.range(of: " instead", range: range.upperBound..<text.endIndex) {
            message += ", found " + text[range.upperBound..<end.lowerBound]
        }
        return message
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: return "an integer"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }

    /// A malformed-JSON error from the parser.
    init(file: String, syntax: JSONSyntaxError) {
        let location = "line \(syntax.line), column \(syntax.column)"
        self.init(kind: .malformedJSON, file: file, path: JSONPath.string(syntax.path),
                  message: "malformed JSON at \(location): \(syntax.message)")
    }
}
