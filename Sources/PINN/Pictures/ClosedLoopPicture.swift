import Foundation

/// `DIR/NAME.png` of a control problem: the two closed loops over time — each tracked state
/// against its reference, then the control — with the network's loop and the true model's
/// loop on the same axes, and the training loss curve below.
public enum ClosedLoopPicture {
    /// Draws and writes `DIR/NAME.png` atomically; returns its URL. Throws
    /// `AtomicOutputError` naming the path when it cannot be written.
    @discardableResult
    public static func write(_ result: SolveResult, outcome: ControlOutcome, settings: ControlSettings,
                             stages: [StageMark] = [], to directory: URL) throws -> URL {
        let destination = ResultPicture.url(name: result.name, in: directory)
        let canvas = figure(result, outcome: outcome, settings: settings, stages: stages).render()
        try AtomicOutput.write(to: destination) { try canvas.writePNG(to: $0) }
        return destination
    }

    /// The size of the picture and where each panel lies in it.
    public static func layout(of result: SolveResult, outcome: ControlOutcome, settings: ControlSettings,
                              stages: [StageMark] = []) -> PictureLayout {
        figure(result, outcome: outcome, settings: settings, stages: stages).layout
    }

    static func figure(_ result: SolveResult, outcome: ControlOutcome, settings: ControlSettings,
                       stages: [StageMark]) -> Figure {
        let size = (width: 1000.0, height: 300.0)
        let network = outcome.network, baseline = outcome.baseline
        let networkColour = LinePalette.colour(4), baselineColour = LinePalette.colour(5)
        var rows: [[PicturePanel]] = settings.references.map { reference in
            let name = settings.states[reference.state]
            let referenceCurve = LineSeries(name: "reference", x: baseline.time,
                                            y: baseline.time.map(reference.value(at:)), colour: .black, dash: [5, 3])
            return [LinePlotPanel(
                title: "\(name) and its reference",
                subtitle: "IAE with the network " + AxisTicks.short(network.iae) + ", with the true model (RK4) "
                    + AxisTicks.short(baseline.iae),
                horizontalName: "time", verticalName: name,
                series: [referenceCurve,
                         LineSeries(name: "network MPC", x: network.time, y: network.state(reference.state),
                                    colour: networkColour, width: 1.8),
                         LineSeries(name: "RK4 MPC", x: baseline.time, y: baseline.state(reference.state),
                                    colour: baselineColour, width: 1.2, dash: [6, 3])],
                logarithmic: false, frameSize: size)]
        }
        rows.append([LinePlotPanel(
            title: "control \(settings.controlInput)",
            subtitle: "held for \(AxisTicks.short(settings.period)) each; mean solve time per step: network "
                + String(format: "%.2f ms, RK4 %.2f ms", network.meanWallSeconds * 1e3, baseline.meanWallSeconds * 1e3),
            horizontalName: "time", verticalName: settings.controlInput,
            series: [LineSeries(name: "network MPC", x: network.time, y: network.control, colour: networkColour, width: 1.8),
                     LineSeries(name: "RK4 MPC", x: baseline.time, y: baseline.control, colour: baselineColour,
                                width: 1.2, dash: [6, 3])],
            logarithmic: false, frameSize: size)])
        rows.append(ResultPicture.trainingRow(result, stages: stages, width: size.width))
        let title = "\(result.name): IAE ratio " + String(format: "%.3f", outcome.iaeRatio)
            + " · one-step error " + AxisTicks.short(outcome.predictionError.maximum)
            + " · seed \(result.seed) · " + String(format: "%.1f s", result.wallSeconds)
        return Figure(title: title, rows: rows)
    }
}
