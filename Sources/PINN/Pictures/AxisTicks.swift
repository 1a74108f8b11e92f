import Foundation

/// Tick positions and their labels for picture axes and colour bars.
enum AxisTicks {
    /// "Nice" ticks (1, 2 or 5 × 10^k apart) inside lower...upper, about `target` of them
    /// (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990). A single tick at
    /// `lower` when the interval is empty or not finite.
    static func linear(_ lower: Double, _ upper: Double, target: Int = 5) -> (values: [Double], step: Double) {
        guard lower.isFinite, upper.isFinite, upper > lower else { return (lower.isFinite ? [lower] : [], 0) }
        let rough = (upper - lower) / Double(max(target - 1, 1))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough * 0.999 } ?? 10 * magnitude
        let first = ceil(lower / step - 1e-9), last = floor(upper / step + 1e-9)
        guard last >= first else { return ([lower], step) }
        // Multiples of the step, with -0 and rounding noise (0.30000000000000004) removed.
        let values = stride(from: first, through: last, by: 1).map { k -> Double in
            let v = k * step
            return abs(v) < step * 1e-9 ? 0 : Double(String(format: "%.12g", v))!
        }
        return (values, step)
    }

    /// Exponents of the powers of ten to mark on a log axis spanning 10^lower...10^upper:
    /// every decade, or every 2nd, 3rd, ... so that at most `maximum` remain.
    static func decades(_ lower: Int, _ upper: Int, maximum: Int = 7) -> [Int] {
        guard upper >= lower else { return [lower] }
        let every = max(1, Int((Double(upper - lower) / Double(max(maximum - 1, 1))).rounded(.up)))
        return stride(from: lower, through: upper, by: every).map { $0 }
    }

    /// A tick label whose precision follows the tick spacing: "0.25", "-1", "300";
    /// scientific ("2.5e-6", "0") when the spacing is below 0.01 or the values reach 1e5.
    static func label(_ value: Double, step: Double) -> String {
        let reach = max(abs(value), step)
        if step > 0, step < 1e-2 || reach >= 1e5 {
            if value == 0 { return "0" }
            let digits = max(0, Int(floor(log10(abs(value)))) - Int(floor(log10(step))))
            return compactExponent(String(format: "%.\(min(digits, 4))e", value))
        }
        let decimals = step > 0 ? max(0, -Int(floor(log10(step) + 1e-9))) : 3
        return String(format: "%.\(min(decimals, 6))f", value)
    }

    /// "10⁻³" for -3: powers of ten as log-axis labels.
    static func powerOfTen(_ exponent: Int) -> String {
        let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                                    "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return "10" + String(String(exponent).map { superscripts[$0]! })
    }

    /// A short number for titles: three significant digits, scientific below 0.01 and
    /// from 1e4 on, the exponent unpadded ("3.35e-6", "0.125", "1.20e4").
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        let scientific = magnitude != 0 && (magnitude < 0.01 || magnitude >= 1e4)
        return compactExponent(String(format: scientific ? "%.2e" : "%.3g", value))
    }

    /// "2.5e-06" → "2.5e-6", "1.0e+03" → "1.0e3".
    private static func compactExponent(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "-" { sign = "-" }
        if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
        let digits = exponent.drop { $0 == "0" }
        return mantissa + "e" + sign + (digits.isEmpty ? "0" : String(digits))
    }
}
