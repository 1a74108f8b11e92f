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

    /// Longest excerpt shown: a longer expression is cut to this many characters around the
    /// position, with "…" where text is left out (a hostile 10⁶-character residual must not
    /// flood the terminal).
    public static let excerptWidth = 120

    /// The expression (or the part of it around the position) and the caret line, each
    /// indented by two spaces.
    public var excerpt: String {
        var chars = Array(source)
        var caret = min(max(position, 0), chars.count)
        if chars.count > Self.excerptWidth {
            let start = max(0, min(caret - Self.excerptWidth / 2, chars.count - Self.excerptWidth))
            let end = min(chars.count, start + Self.excerptWidth)
            chars = (start > 0 ? ["…"] : []) + Array(chars[start..<end]) + (end < chars.count ? ["…"] : [])
            caret += (start > 0 ? 1 : 0) - start
        }
        // Keep tabs in the padding so the caret lines up under tab-indented text.
        let pad = chars.prefix(caret).map { $0 == "\t" ? "\t" : " " }.joined()
        let shown = chars.map { $0 == "\n" || $0 == "\r" ? " " : String($0) }.joined()
        return "  " + shown + "\n  " + pad + "^"
    }

    public var description: String { message + "\n" + excerpt }
}
