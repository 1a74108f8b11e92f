import ENNCore
import Foundation

/// Writes and reads NAME.checkpoint.h5 (see `Checkpoint`). Written like the results: to a
/// temporary name, flushed, renamed over the old checkpoint (`AtomicOutput`), so a run
/// killed at any moment leaves either the previous checkpoint or the new one, complete.
///
/// Layout (root attributes `format`, `version`, `problem`, `problem_fnv1a64`, `seed`,
/// `threads`, `stage`, `iterations`, `elapsed_seconds`, `error_evaluation_seconds`):
///   /theta, /weights, /automatic_factors, /random (6 words of `RandomGenerator.state` as
///   int64 bit patterns), /loss_history [n, terms + 1], /points/<g> [count, inputs],
///   /stage_starts (loss-history rows before each stage begun),
///   /stop_reasons/stages + attribute `reasons`, /gemm_plan [classes, 2], /errors [n, cols],
///   /parameter_history [n, 1 + unknowns], and /progress for a stage in progress (see
///   CheckpointFile+Progress.swift).
public enum CheckpointFile {
    /// The `format` attribute; a file without it is not a checkpoint.
    public static let format = "pinn-solve checkpoint 1"

    /// A checkpoint that cannot be read, or does not belong to this run.
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// DIR/NAME.checkpoint.h5.
    public static func url(directory: URL, name: String) -> URL {
        directory.appendingPathComponent(name + ".checkpoint.h5")
    }

    /// Writes `checkpoint` to `url` atomically.
    public static func write(_ checkpoint: Checkpoint, to url: URL) throws {
        try AtomicOutput.write(to: url) { temporary in
            let file = try HDF5File.create(at: temporary)
            do {
                try write(checkpoint, into: file)
                try file.close()
            } catch {
                try? file.close()
                throw error
            }
        }
    }

    private static func write(_ c: Checkpoint, into file: HDF5File) throws {
        let t = c.trainer
        let attributes: [(String, HDF5AttributeValue)] = [
            ("format", .string(format)), ("version", .string(c.version)), ("problem", .string(c.problemText)),
            ("problem_fnv1a64", .string(Checkpoint.fingerprint(c.problemText))), ("seed", .int(Int(bitPattern: UInt(c.seed)))),
            ("threads", .int(c.threads)), ("ranks", .int(c.ranks)), ("stage", .int(t.stage)), ("iterations", .int(t.iterations)),
            ("elapsed_seconds", .double(c.elapsedSeconds)), ("error_evaluation_seconds", .double(c.errorEvaluationSeconds)),
        ]
        for (name, value) in attributes { try file.setAttribute(name, value) }
        try file.writeDataset("/theta", doubles: t.theta)
        try file.writeDataset("/weights", doubles: t.weights)
        try file.writeDataset("/automatic_factors", doubles: t.automaticFactors)
        try file.writeDataset("/random", integers: t.random.map { Int64(bitPattern: $0) }, shape: [t.random.count])
        try writeRows(file, "/loss_history", t.history, width: t.history.first?.count ?? 0)
        try file.createGroup("/points")
        for (g, points) in t.points.enumerated() { try file.writeDataset("/points/\(g)", doubles: points) }
        try file.writeDataset("/stage_starts", integers: t.stageStarts)
        let stages = t.stopReasons.keys.sorted()
        try file.writeDataset("/stop_reasons/stages", integers: stages)
        try file.setAttribute("reasons", .strings(stages.map { t.stopReasons[$0]! }), on: "/stop_reasons/stages")
        try file.writeDataset("/gemm_plan", integers: t.gemmPlan.flatMap { [Int64($0.shapeClass), Int64($0.choice)] },
                              shape: [t.gemmPlan.count, 2])
        try writeRows(file, "/errors", c.errorRows, width: c.errorRows.first?.count ?? 0)
        try writeRows(file, "/parameter_history", c.parameterHistory, width: c.parameterHistory.first?.count ?? 0)
        if let progress = t.progress { try writeProgress(progress, into: file) }
    }

    /// Reads a checkpoint; throws `Failure` naming the file when it is missing, unreadable
    /// or not a pinn-solve checkpoint.
    public static func read(_ url: URL) throws -> Checkpoint {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Failure(message: "\(url.path): no checkpoint (it is written every --checkpoint-every seconds or iterations and when a stage ends)")
        }
        do {
            let file = try HDF5File.open(at: url)
            defer { try? file.close() }
            guard (try? file.stringAttribute("format")) == format else {
                throw Failure(message: "\(url.path): not a pinn-solve checkpoint (no format attribute '\(format)')")
            }
            return try read(file)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(message: "\(url.path): the checkpoint cannot be read (\(error)); it may be damaged, delete it to start afresh")
        }
    }

    private static func read(_ file: HDF5File) throws -> Checkpoint {
        let random = try file.readInt64s("/random").values.map { UInt64(bitPattern: $0) }
        var points: [[Double]] = []
        for g in 0..<(try file.childNames(of: "/points")).count { points.append(try file.readDoubles("/points/\(g)").values) }
        let stages = try file.readInt64s("/stop_reasons/stages").values.map(Int.init)
        let reasons = stages.isEmpty ? [] : try file.stringsAttribute("reasons", on: "/stop_reasons/stages")
        guard reasons.count == stages.count else { throw Failure(message: "\(file.path): stop reasons do not match their stages") }
        let plan = try readRows(file, "/gemm_plan").map { (shapeClass: Int($0[0]), choice: UInt8(clamping: Int($0[1]))) }
        let trainer = TrainerState(
            stage: try file.intAttribute("stage"), progress: try readProgress(file),
            theta: try file.readDoubles("/theta").values, weights: try file.readDoubles("/weights").values,
            automaticFactors: try file.readDoubles("/automatic_factors").values,
            history: try readRows(file, "/loss_history"), random: random, points: points,
            stageStarts: try file.readInt64s("/stage_starts").values.map(Int.init),
            stopReasons: Dictionary(uniqueKeysWithValues: zip(stages, reasons)), gemmPlan: plan)
        return Checkpoint(trainer: trainer, problemText: try file.stringAttribute("problem"),
                          version: try file.stringAttribute("version"),
                          seed: UInt64(UInt(bitPattern: try file.intAttribute("seed"))), threads: try file.intAttribute("threads"),
                          ranks: try file.hasAttribute("ranks") ? try file.intAttribute("ranks") : 1,
                          elapsedSeconds: try file.doubleAttribute("elapsed_seconds"), errorRows: try readRows(file, "/errors"),
                          errorEvaluationSeconds: try file.doubleAttribute("error_evaluation_seconds"),
                          parameterHistory: try readRows(file, "/parameter_history"))
    }

    /// Rows of equal width as an [n, width] dataset.
    static func writeRows(_ file: HDF5File, _ path: String, _ rows: [[Double]], width: Int) throws {
        precondition(rows.allSatisfy { $0.count == width }, "CheckpointFile: rows of \(path) differ in width")
        try file.writeDataset(path, doubles: rows.flatMap { $0 }, shape: [rows.count, width])
    }

    /// An [n, width] dataset (float64, or int64 converted exactly) as rows.
    static func readRows(_ file: HDF5File, _ path: String) throws -> [[Double]] {
        let shape = try file.datasetShape(path)
        guard shape.count == 2 else { throw Failure(message: "\(file.path): \(path) is not two-dimensional") }
        let values: [Double]
        if path == "/gemm_plan" {
            values = try file.readInt64s(path).values.map(Double.init)
        } else {
            values = try file.readDoubles(path).values
        }
        let width = shape[1]
        return (0..<shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }
}
