import Foundation

extension ProgressDisplay {
    /// The terminal status line, at most `width` characters: whole segments are dropped
    /// from the end (loss terms first) when the terminal is narrow.
    ///
    ///     [#####---------------]  27% adam 1/2 2700/10000 45s eta 2m01s loss 3.2e-04 err 3.1e-03 lr 1.0e-03 pde ...
    func statusLine(now: Double, width: Int) -> String {
        let percent = String(Int(fraction * 100))
        var head = String(repeating: " ", count: max(0, 3 - percent.count)) + percent + "%"
        let barWidth = width >= 89 ? 22 : width >= 59 ? 12 : 0   // 90 / 60 columns and up
        if barWidth > 0 { head = ProgressFormat.bar(fraction, width: barWidth) + " " + head }
        return ProgressFormat.fit([head, stageLabel, iterationLabel, timeLabel(now: now)] + lossSegments,
                                  width: width)
    }

    /// A plain progress line for logs, not truncated:
    /// `[ 25%] adam 1/2 2500/10000 45s eta 2m15s loss 3.2e-04 err 3.1e-03 lr 1.0e-03 pde 3.1e-04 initial 2.2e-05`.
    func plainLine(now: Double) -> String {
        ([percentLabel, stageLabel, iterationLabel, timeLabel(now: now)] + lossSegments).joined(separator: " ")
    }

    /// "[ 25%]".
    var percentLabel: String {
        let percent = String(Int(fraction * 100))
        return "[" + String(repeating: " ", count: max(0, 3 - percent.count)) + percent + "%]"
    }

    /// "adam 1/2".
    var stageLabel: String {
        guard stageNames.indices.contains(stage) else { return "" }
        return "\(stageNames[stage]) \(stage + 1)/\(stageNames.count)"
    }

    /// "2700/10000": iterations of the current stage.
    var iterationLabel: String {
        guard stageIterations.indices.contains(stage) else { return "" }
        return "\(max(iteration, 0))/\(stageIterations[stage])"
    }

    /// "45s eta 2m01s" (elapsed, then remaining; "eta --" before the first iteration).
    func timeLabel(now: Double) -> String {
        let remaining = remainingSeconds(now: now).map(ProgressFormat.duration) ?? "--"
        return "\(ProgressFormat.duration(now - startTime)) eta \(remaining)"
    }

    /// "loss 3.2e-04", the errors ("err 3.1e-03" for one output, "err_u 3.1e-03 err_v ..."
    /// for several, "max_abs_u ..." for deviations at reference points; when known), the
    /// unknown parameters ("l1 0.99954 l2 0.0031832": five significant digits, since what a
    /// user watches is whether the third or fourth digit still moves), "lr 1.0e-03" (when
    /// given), then one "name value" per term.
    var lossSegments: [String] {
        var segments = ["loss " + ProgressFormat.scientific(loss)]
        for (index, value) in errors.enumerated() {
            let name = errors.count == 1 ? errorLabel
                : errorLabel + "_" + (errorNames.indices.contains(index) ? errorNames[index] : "\(index + 1)")
            segments.append(name + " " + ProgressFormat.scientific(value))
        }
        for (name, value) in zip(parameterNames, parameters) {
            segments.append(name + " " + ProgressFormat.parameter(value))
        }
        if let learningRate { segments.append("lr " + ProgressFormat.scientific(learningRate)) }
        for (index, value) in terms.enumerated() {
            let name = termNames.indices.contains(index) ? termNames[index] : "term\(index + 1)"
            segments.append(name + " " + ProgressFormat.scientific(value))
        }
        return segments
    }
}
