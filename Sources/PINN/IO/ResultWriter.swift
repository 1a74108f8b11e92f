import Foundation

/// Writes training results and references in DESIGN.md's file contract: `DIR/NAME.h5`
/// (HDF5) and `DIR/NAME.xdmf` beside it, which ParaView opens.
///
/// Layout of `NAME.h5`: `/grid/<input>` (1-D), `/fields/<output>` (axes slowest first in
/// the order t, z, y, x; see `SolveResult.axisOrder`), `/reference/<output>` and
/// `/error/<output>` = field − reference where a reference exists, the comparison with a
/// reference given at points under `/reference/<name>` (`PointComparisonLayout`), `/training/loss`
/// [iterations, terms] with attribute `columns`, `/training/parameters`; root attributes
/// `problem`, `seed` (int), `version`, `wall_seconds`, `rel_l2_<output>`, `max_abs_<output>` and the
/// result's `extraAttributes`. Time-dependent problems with two or three spatial inputs
/// also get one dataset per time step under `/xdmf/...` for the XDMF temporal
/// collection (ParaView 5.11 drops hyperslab-addressed arrays).
///
/// Both files are written under temporary names and renamed into place, the .h5 first
/// (`AtomicOutput`), so a failed or interrupted write leaves any previous result as it was.
public enum ResultWriter {
    /// Writes `DIR/NAME.h5` and `DIR/NAME.xdmf` and returns their URLs (in that order).
    ///
    /// Precondition: `result.validationProblems()` is empty (checked before any file is
    /// touched). Throws `HDF5Error` or `AtomicOutputError` (each naming the path) when
    /// the files cannot be written; the previous files, if any, are then kept.
    /// `stepStorage` chooses how the per-time-step datasets of a temporal collection are
    /// stored (`.copies`, the default, is the most compatible; `.virtualViews` saves space).
    /// `extra` writes further groups into the .h5 before it is closed (control problems add
    /// their closed loops).
    @discardableResult
    public static func write(_ result: SolveResult, to directory: URL, stepStorage: HDF5StepStorage = .copies,
                             extra: (HDF5File) throws -> Void = { _ in }) throws -> [URL] {
        let problems = result.validationProblems()
        precondition(problems.isEmpty, "ResultWriter.write(\(result.name)): "
                         + problems.joined(separator: "; "))
        let urls = resultURLs(name: result.name, in: directory)
        try writePair(urls, name: result.name, axes: result.axisOrder, timeInput: result.timeInput,
                      stepStorage: stepStorage) { file in
            let shape = result.fieldShape
            try ResultLayout.writeGrid(file, inputs: result.inputs, timeInput: result.timeInput,
                                       axes: result.axisOrder, grid: result.grid)
            try ResultLayout.writeArrays(file, group: ResultLayout.fields, outputs: result.outputs,
                                         arrays: result.fields, shape: shape)
            try ResultLayout.writeArrays(file, group: ResultLayout.reference, outputs: result.outputs,
                                         arrays: result.reference, shape: shape)
            if let comparison = result.pointComparison { try PointComparisonLayout.write(file, comparison) }
            try ResultLayout.writeErrors(file, result, shape: shape)
            try ResultLayout.writeTraining(file, result)
            try ResultLayout.writeRootAttributes(file, result)
            try extra(file)
            for d in result.extraDatasets {
                try file.writeDataset(d.path, doubles: d.values, shape: d.shape)
                if let columns = d.columns { try file.setAttribute("columns", .strings(columns), on: d.path) }
            }
        }
        return [urls.h5, urls.xdmf]
    }

    /// Writes `DIR/NAME.reference.h5` (`/grid` and `/reference` only, plus the root
    /// attribute `problem`) and `DIR/NAME.reference.xdmf` beside it; returns the .h5 URL.
    ///
    /// Precondition: `data.validationProblems()` is empty. Throws like `write`.
    @discardableResult
    public static func writeReference(_ data: ReferenceData, to directory: URL,
                                      stepStorage: HDF5StepStorage = .copies) throws -> URL {
        let problems = data.validationProblems()
        precondition(problems.isEmpty, "ResultWriter.writeReference(\(data.name)): "
                         + problems.joined(separator: "; "))
        let urls = referenceURLs(name: data.name, in: directory)
        try writePair(urls, name: data.name + ".reference", axes: data.axisOrder, timeInput: data.timeInput,
                      stepStorage: stepStorage) { file in
            try ResultLayout.writeGrid(file, inputs: data.inputs, timeInput: data.timeInput,
                                       axes: data.axisOrder, grid: data.grid)
            try ResultLayout.writeArrays(file, group: ResultLayout.reference, outputs: data.outputs,
                                         arrays: data.reference, shape: data.fieldShape)
            try file.setAttribute("problem", .string(data.problemText))
        }
        return urls.h5
    }

    /// `writeReference` with the pieces given one by one.
    @discardableResult
    public static func writeReference(name: String, problemText: String, inputs: [String], timeInput: String?,
                                      grid: [String: [Double]], outputs: [String],
                                      reference: [String: [Double]], to directory: URL) throws -> URL {
        try writeReference(ReferenceData(name: name, problemText: problemText, inputs: inputs,
                                         timeInput: timeInput, grid: grid, outputs: outputs,
                                         reference: reference),
                           to: directory)
    }

    /// `DIR/NAME.h5` and `DIR/NAME.xdmf`.
    public static func resultURLs(name: String, in directory: URL) -> (h5: URL, xdmf: URL) {
        (directory.appendingPathComponent(name + ".h5"), directory.appendingPathComponent(name + ".xdmf"))
    }

    /// `DIR/NAME.reference.h5` and `DIR/NAME.reference.xdmf`.
    public static func referenceURLs(name: String, in directory: URL) -> (h5: URL, xdmf: URL) {
        resultURLs(name: name + ".reference", in: directory)
    }

    // MARK: - Internals

    /// Writes the .h5 with `body`, describes it for XDMF, and puts both in place atomically.
    /// The .xdmf references the final .h5 name, never the temporary. Without a time input
    /// no axis is treated as time (an input merely named "t" stays a spatial axis).
    private static func writePair(_ urls: (h5: URL, xdmf: URL), name: String, axes: [String], timeInput: String?,
                                  stepStorage: HDF5StepStorage, _ body: (HDF5File) throws -> Void) throws {
        try AtomicOutput.write(to: [urls.h5, urls.xdmf]) { temporaries in
            let file = try HDF5File.create(at: temporaries[0])
            defer { try? file.close() }
            try body(file)
            let content = try XDMFContent.describing(file, name: name, axisNames: axes,
                                                     timeAxis: timeInput ?? "", stepStorage: stepStorage)
            try file.close()
            let text = XDMFWriter(heavyDataFile: urls.h5.lastPathComponent).document(content)
            do {
                try Data(text.utf8).write(to: temporaries[1])
            } catch {
                throw AtomicOutputError(operation: "write XDMF", path: temporaries[1].path,
                                        detail: error.localizedDescription)
            }
        }
    }
}
