import Foundation

/// A problem with an expression's text, located by character position.
///
/// Its description is the message, then the expression, then a caret under the offending
/// character:
/// ```
/// unexpected ')'
///   u_t + u*u_x - nu*)u_xx
///                    ^
/// ```
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole expression text.
    public var source: String
    /// Character offset of the offending position (`source.count` means the end).
    public var position: Int
    /// One line saying what is wrong and, where it helps, what was expected.
    public var message: String

    public init(source: String, position: Int, message: String) {
        self.source = source
        self.position = position
        self.message = message
    }

    /// The expression and the caret line, each indented by two spaces.
    public var excerpt: String {
        let chars = Array(source)
        // Keep tabs in the padding so the caret lines up under tab-indented text.
        let pad = chars.prefix(position).map { $0 == "\t" ? "\t" : " " }.joined()
        let shown = chars.map { $0 == "\n" || $0 == "\r" ? " " : String($0) }.joined()
        return "  " + shown + "\n  " + pad + "^"
    }

    public var description: String { message + "\n" + excerpt }
}
