import Foundation

/// Shows the progress of a training run of several stages (e.g. Adam, then L-BFGS) on stderr.
///
/// - On a terminal, one status line is redrawn in place (carriage return, clear line) at
///   most `redrawInterval` apart: bar, overall percent, stage name and number, iteration of
///   the stage, elapsed and estimated remaining time, total loss, the latest error against
///   the reference when there is one (`err`; `err_u`, `err_v`, ... for several outputs),
///   the unknown parameters' current values (inverse problems: `l1 0.99954 l2 0.0031832`),
///   learning rate and each loss term by name, cut to the terminal width:
///
///       [#####---------------]  27% adam 1/2 2700/10000 45s eta 2m01s loss 3.2e-04 err 3.1e-03 lr 1.0e-03 pde ...
///
///   Stage ends and notes are printed as permanent lines above it.
/// - On a pipe or file, a plain line is printed at every 5 % of the total progress and
///   at each stage start and end, so logs stay short.
/// - Quiet, nothing is printed.
///
/// The remaining time is (planned iterations left) × (elapsed time / iterations run), over
/// all stages so far, L-BFGS iterations included; the rest of the current stage uses that
/// stage's own rate once it has run a few iterations (`remainingSeconds(now:)`).
///
/// `update` is cheap enough to call every iteration (about 130 ns in a debug build): it
/// stores the numbers and returns unless a redraw (terminal) or a 5 % step (plain) is due.
/// Use one display from one thread.
public final class ProgressDisplay {
    /// How the display writes.
    public enum Mode: Sendable, Equatable {
        case terminal
        case plain
        case quiet
    }

    /// The shortest time between two redraws of the terminal status line, in seconds.
    public static let redrawInterval = 0.1
    /// Iterations of a stage after which its own rate estimates the rest of it.
    public static let stageRateMinimum = 10
    /// Plain mode prints a line each time the total progress passes a multiple of this percent.
    public static let plainStepPercent = 5

    public let mode: Mode
    let stageNames: [String]
    let stageIterations: [Int]
    /// The planned iterations before each stage (and the total at the end).
    let offsets: [Int]
    let termNames: [String]
    /// The outputs whose errors `update` may pass, in that order.
    let errorNames: [String]
    /// What the errors are called on the line: `err` (relative L2) or `max_abs`.
    let errorLabel: String
    /// The unknown parameters whose values `update` may pass, in that order.
    let parameterNames: [String]
    private let output: FileHandle
    private let fixedColumns: Int?
    private let clock: () -> Double
    let startTime: Double

    // The latest numbers, as given to `update`.
    var stage = 0
    var iteration = 0
    var loss = Double.nan
    var terms: [Double] = []
    var learningRate: Double?
    /// The latest errors by `errorNames` (empty: none measured yet).
    var errors: [Double] = []
    /// The latest values of the unknown parameters by `parameterNames`.
    var parameters: [Double] = []
    /// Iterations actually run in finished stages (a stage may stop early).
    var iterationsRunBefore = 0
    /// When the current stage started, on `clock`.
    var stageStartTime: Double
    /// When the last stage ended, until the next one starts (the run's start at first).
    private var lastStageEnd: Double?
    private var startedStage = -1
    private var finishedStages = Set<Int>()
    private var lastDraw = -Double.infinity
    private var statusVisible = false
    private var lastPlainStep = 0
    private var lastPlainPosition = -1
    private var isFinished = false

    /// - Parameters:
    ///   - stages: name and planned iterations of each stage, in run order.
    ///   - termNames: the loss terms' names, in the order of `update`'s `terms`.
    ///   - errorNames: the outputs with a reference, in the order of `update`'s `errors`.
    ///   - errorLabel: the errors' name on the line ("err_u", "max_abs_u"; "err" alone for one output).
    ///   - parameterNames: the unknown parameters, in the order of `update`'s `parameters`.
    ///   - quiet: print nothing (`--quiet`).
    ///   - output: where to write; standard error by default.
    ///   - isTerminal: overrides the terminal test (isatty(3) on `output`, TERM not "dumb").
    ///   - columns: overrides the terminal width (ioctl TIOCGWINSZ, else $COLUMNS, else 100).
    ///   - clock: seconds on a monotonic clock; overridable for tests.
    public init(stages: [(name: String, iterations: Int)], termNames: [String], errorNames: [String] = [], errorLabel: String = "err",
                parameterNames: [String] = [], quiet: Bool,
                output: FileHandle = .standardError, isTerminal: Bool? = nil, columns: Int? = nil,
                clock: (() -> Double)? = nil) {
        precondition(stages.allSatisfy { $0.iterations >= 0 },
                     "ProgressDisplay: negative iteration count in stages \(stages)")
        stageNames = stages.map(\.name)
        stageIterations = stages.map(\.iterations)
        offsets = stageIterations.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1) }
        self.termNames = termNames
        self.errorNames = errorNames
        self.errorLabel = errorLabel
        self.parameterNames = parameterNames
        self.output = output
        fixedColumns = columns
        self.clock = clock ?? { ProcessInfo.processInfo.systemUptime }
        if quiet {
            mode = .quiet
        } else {
            mode = (isTerminal ?? TerminalQuery.isInteractive(output.fileDescriptor)) ? .terminal : .plain
        }
        startTime = self.clock()
        stageStartTime = startTime
        lastStageEnd = startTime
    }

    // MARK: - Reporting

    /// Records the state after `iteration` iterations (1-based count) of stage `stage`
    /// (0-based index into `stages`), with the latest relative L2 errors by `errorNames`
    /// (empty when none is known) and the unknown parameters' values by `parameterNames`,
    /// and redraws or prints when due. A new `stage`
    /// starts that stage (ending the previous one silently if `stageFinished` was not called).
    /// Ignored after `finish()`.
    public func update(stage: Int, iteration: Int, loss: Double, terms: [Double], learningRate: Double?,
                       errors: [Double] = [], parameters: [Double] = []) {
        guard mode != .quiet, !isFinished else { return }
        if stage != startedStage { stageStarted(stage: stage) }
        self.iteration = iteration
        self.loss = loss
        self.terms = terms
        self.learningRate = learningRate
        self.errors = errors
        self.parameters = parameters
        switch mode {
        case .terminal:
            let now = clock()
            if now - lastDraw >= ProgressDisplay.redrawInterval { drawStatus(now) }
        case .plain:
            let step = plainStep(position)
            if step > lastPlainStep {
                lastPlainStep = step
                printPlainStatus()
            }
        case .quiet:
            break
        }
    }

    /// Marks the start of stage `stage` (called by `update` when the stage changes; call it
    /// yourself to announce a stage before its first iteration). Plain mode prints a line.
    public func stageStarted(stage: Int) {
        precondition(stageNames.indices.contains(stage),
                     "ProgressDisplay: stage \(stage) is not in 0..<\(stageNames.count)")
        guard mode != .quiet, stage != startedStage else { return }
        if startedStage >= 0, !finishedStages.contains(startedStage) {
            iterationsRunBefore += iteration
            finishedStages.insert(startedStage)
            lastStageEnd = clock()
        }
        startedStage = stage
        self.stage = stage
        iteration = 0
        // The first `update` of a stage arrives after its first iteration: time the stage
        // from the end of the previous one (or the start of the run).
        stageStartTime = lastStageEnd ?? clock()
        lastStageEnd = nil
        if mode == .plain {
            writeLine("\(percentLabel) \(stageLabel) started: \(stageIterations[stage]) iterations")
        }
    }

    /// Ends stage `stage`: its remaining planned iterations count as done (L-BFGS may stop
    /// early), and a permanent line "adam 1/2 done in 1m05s: MESSAGE" is printed.
    public func stageFinished(stage: Int, message: String) {
        guard mode != .quiet else { return }
        if stage != startedStage { stageStarted(stage: stage) }
        guard !finishedStages.contains(stage) else { return }
        finishedStages.insert(stage)
        iterationsRunBefore += iteration
        let now = clock()
        lastStageEnd = now
        let text = "\(stageLabel) done in \(ProgressFormat.duration(now - stageStartTime))"
            + (message.isEmpty ? "" : ": \(message)")
        switch mode {
        case .terminal:
            writeAboveStatus(text)
        case .plain:
            lastPlainStep = max(lastPlainStep, plainStep(position))
            lastPlainPosition = position
            writeLine("\(percentLabel) \(text)")
        case .quiet:
            break
        }
    }

    /// Prints a permanent line (a warning, a checkpoint note) without garbling the status
    /// line; nothing in quiet mode.
    public func note(_ text: String) {
        switch mode {
        case .terminal: writeAboveStatus(text)
        case .plain: writeLine(text)
        case .quiet: break
        }
    }

    /// Ends the display: on a terminal the final status line is drawn and kept; in plain
    /// mode the current status is printed unless the last line already showed it.
    /// Calling it again does nothing.
    public func finish() {
        guard mode != .quiet, !isFinished else { return }
        isFinished = true
        switch mode {
        case .terminal:
            drawStatus(clock())
            write("\n")
            statusVisible = false
        case .plain:
            if lastPlainPosition != position { printPlainStatus() }
        case .quiet:
            break
        }
    }

    // MARK: - Progress numbers

    /// Planned iterations done over all stages: finished stages count in full.
    var position: Int {
        guard startedStage >= 0 else { return 0 }
        if finishedStages.contains(stage) { return offsets[stage + 1] }
        return offsets[stage] + min(max(iteration, 0), stageIterations[stage])
    }

    /// All planned iterations.
    var total: Int { offsets[offsets.count - 1] }

    /// Iterations actually run so far.
    var iterationsRun: Int {
        iterationsRunBefore + (finishedStages.contains(stage) ? 0 : max(iteration, 0))
    }

    /// Fraction of the planned iterations done (1 when nothing is planned).
    var fraction: Double { total > 0 ? Double(position) / Double(total) : 1 }

    /// Estimated seconds left at `now`, or nil before the first iteration.
    ///
    /// Later stages are estimated at the mean time per iteration over everything run so
    /// far (all stages, L-BFGS included); the rest of the current stage, once it has run
    /// `stageRateMinimum` iterations, at its own rate, so that the estimate adapts when
    /// L-BFGS iterations cost more than Adam's.
    func remainingSeconds(now: Double) -> Double? {
        guard iterationsRun > 0 else { return nil }
        let overallRate = (now - startTime) / Double(iterationsRun)
        guard !finishedStages.contains(stage), iteration >= ProgressDisplay.stageRateMinimum else {
            return Double(total - position) * overallRate
        }
        let stageLeft = Double(offsets[stage + 1] - position)
        let stageRate = (now - stageStartTime) / Double(iteration)
        return stageLeft * stageRate + Double(total - offsets[stage + 1]) * overallRate
    }

    /// Which 5 % step `position` has reached (0...20).
    private func plainStep(_ position: Int) -> Int {
        guard total > 0 else { return 100 / ProgressDisplay.plainStepPercent }
        return position * (100 / ProgressDisplay.plainStepPercent) / total
    }

    // MARK: - Output

    private func drawStatus(_ now: Double) {
        lastDraw = now
        let width = max((fixedColumns ?? TerminalQuery.columns(output.fileDescriptor)) - 1, 10)
        write("\r\u{1B}[2K" + statusLine(now: now, width: width))
        statusVisible = true
    }

    private func printPlainStatus() {
        lastPlainPosition = position
        writeLine(plainLine(now: clock()))
    }

    /// Clears the status line, prints `text` as a line, and redraws the status below it.
    private func writeAboveStatus(_ text: String) {
        write((statusVisible ? "\r\u{1B}[2K" : "") + text + "\n")
        statusVisible = false
        if !isFinished { drawStatus(clock()) }
    }

    private func writeLine(_ text: String) { write(text + "\n") }

    private func write(_ text: String) {
        try? output.write(contentsOf: Data(text.utf8))
    }
}
