import Foundation

/// Compact text for progress lines: durations, loss values, bars, and fitting segments
/// into a terminal width.
public enum ProgressFormat {
    /// A duration in at most two units, rounded to the nearest second:
    /// "0s", "42s", "1m05s", "59m59s", "2h03m", "3d04h"; "--" when negative or not finite.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        guard seconds < 1e12 else { return ">30000y" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(twoDigits(total % 60))s" }
        let minutes = (total + 30) / 60    // whole minutes, rounded
        if minutes < 100 * 60 { return "\(minutes / 60)h\(twoDigits(minutes % 60))m" }
        let hours = (minutes + 30) / 60
        return "\(hours / 24)d\(twoDigits(hours % 24))h"
    }

    /// A loss or learning rate in two significant digits, scientific: "3.1e-04",
    /// "1.0e+00", "0"; "nan", "inf", "-inf" for non-finite values.
    public static func scientific(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        return String(format: "%.1e", value)
    }

    /// A learned parameter's value in five significant digits, as printf's %g writes it:
    /// "0.99954", "0.0031832", "1.2346e-05"; "nan", "inf", "-inf" for non-finite values.
    public static func parameter(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.5g", value)
    }

    /// A bar of `width` cells (brackets included), filled in proportion to `fraction`:
    /// "[#####-----]". ASCII, so it lines up on any terminal and in any log.
    public static func bar(_ fraction: Double, width: Int) -> String {
        let cells = max(width - 2, 1)
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let filled = Int((clamped * Double(cells)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled) + "]"
    }

    /// Joins `segments` with single spaces, keeping as many whole segments from the start
    /// as fit in `width` characters; the rest is dropped (marked with "..." when it fits).
    /// A first segment that alone is too wide is cut to `width`.
    public static func fit(_ segments: [String], width: Int) -> String {
        guard width > 0 else { return "" }
        var line = ""
        for segment in segments where !segment.isEmpty {
            let candidate = line.isEmpty ? segment : line + " " + segment
            if candidate.count <= width {
                line = candidate
                continue
            }
            if line.isEmpty { return String(segment.prefix(width)) }
            if line.count + 4 <= width { line += " ..." }
            break
        }
        return line
    }

    /// "05" for 5.
    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Questions about the terminal behind a file descriptor.
public enum TerminalQuery {
    /// The width used when the terminal does not report one.
    public static let fallbackColumns = 100

    /// Whether `fd` is a terminal that can redraw a line in place: isatty(3), and TERM is
    /// not "dumb".
    public static func isInteractive(_ fd: Int32) -> Bool {
        guard isatty(fd) != 0 else { return false }
        return ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The terminal's width in columns: ioctl(TIOCGWINSZ) on `fd`, else the COLUMNS
    /// environment variable, else `fallbackColumns`.
    public static func columns(_ fd: Int32) -> Int {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 {
            return value
        }
        return fallbackColumns
    }
}
