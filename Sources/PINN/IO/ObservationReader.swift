import Foundation

/// Reads observations for a problem's `data` section from CSV or HDF5 and checks every value:
/// present, finite, and (for coordinates) inside the domain. A failure names the data file and
/// the row or dataset, and the JSON path of the setting it concerns, so the validator can turn
/// it into a ``ProblemError``.
enum ObservationReader {
    struct Failure: Error {
        /// JSON path in the problem file (`data.file`, `data.names.u`).
        var path: String
        var message: String
    }

    /// What to read: the problem's inputs (with their intervals) and the observed outputs, and
    /// the column or dataset name of each (`names` in the file, default the name itself).
    struct Request {
        var inputs: [InputInterval]
        var outputs: [String]
        var names: NamedValues<String>

        func column(_ name: String) -> String { names[name] ?? name }
        /// JSON path of the setting that names `name`'s column.
        func path(_ name: String) -> String { names[name] == nil ? "data.file" : JSONPath.appending("data.names", key: name) }
    }

    /// Reads `url` (shown as `shown` in messages) by its extension.
    static func read(_ url: URL, shown: String, request: Request) throws -> Observations {
        switch url.pathExtension.lowercased() {
        case "csv": return try readCSV(url, shown: shown, request: request)
        case "h5", "hdf5": return try readHDF5(url, shown: shown, request: request)
        default:
            throw Failure(path: "data.file", message: "'\(shown)': unknown file type '.\(url.pathExtension)' (expected .csv, .h5 or .hdf5)")
        }
    }

    // MARK: CSV

    static func readCSV(_ url: URL, shown: String, request: Request) throws -> Observations {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw Failure(path: "data.file", message: exists ? "cannot read '\(shown)' as UTF-8 text" : "no such file '\(shown)'")
        }
        // Line numbers are kept for messages; blank lines are skipped.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw Failure(path: "data.file", message: "'\(shown)' is empty (expected a header row naming the columns)") }
        let columns = fields(header.text)
        let wanted = request.inputs.map(\.input) + request.outputs
        let indices = try wanted.map { name -> Int in
            guard let i = columns.firstIndex(of: request.column(name)) else {
                throw Failure(path: request.path(name),
                              message: "'\(shown)' has no column '\(request.column(name))' for \(role(name, request)) (columns: \(columns.joined(separator: ", ")))")
            }
            return i
        }
        let rows = lines.dropFirst()
        if rows.isEmpty { throw Failure(path: "data.file", message: "'\(shown)' has a header but no rows of data") }
        let d = request.inputs.count
        var points = [Double](), values = [[Double]](repeating: [], count: request.outputs.count)
        points.reserveCapacity(rows.count * d)
        for (r, line) in rows.enumerated() {
            let row = fields(line.text)
            let place = "'\(shown)', row \(r + 1) (line \(line.number))"
            guard row.count == columns.count else {
                throw Failure(path: "data.file", message: "\(place) has \(row.count) fields; the header names \(columns.count)")
            }
            for (k, name) in wanted.enumerated() {
                let text = row[indices[k]]
                guard let v = Double(text), v.isFinite else {
                    throw Failure(path: request.path(name), message: "\(place): column '\(request.column(name))' is not a finite number ('\(text)')")
                }
                if k < d {
                    try checkInside(v, request.inputs[k], place: place, path: request.path(name))
                    points.append(v)
                } else {
                    values[k - d].append(v)
                }
            }
        }
        return Observations(source: shown, points: points, outputs: request.outputs, values: values)
    }

    /// Comma-separated fields, trimmed, with surrounding double quotes removed.
    private static func fields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { field in
            var f = field.trimmingCharacters(in: .whitespaces)
            if f.count >= 2, f.hasPrefix("\""), f.hasSuffix("\"") { f = String(f.dropFirst().dropLast()) }
            return f
        }
    }

    // MARK: HDF5

    static func readHDF5(_ url: URL, shown: String, request: Request) throws -> Observations {
        guard FileManager.default.fileExists(atPath: url.path) else { throw Failure(path: "data.file", message: "no such file '\(shown)'") }
        let file: HDF5File
        do {
            file = try HDF5File.open(at: url)
        } catch {
            throw Failure(path: "data.file", message: "cannot open '\(shown)' as HDF5 (\(error))")
        }
        defer { try? file.close() }
        let pointsName = request.names["points"] ?? "points"
        let pointsPath = request.names["points"] == nil ? "data.file" : "data.names.points"
        let d = request.inputs.count
        let points = try dataset(file, pointsName, shown: shown, path: pointsPath, what: "the [N × \(d)] point array")
        guard points.shape.count == 2, points.shape[1] == d else {
            throw Failure(path: pointsPath, message: "'\(shown)': dataset '\(pointsName)' has shape \(points.shape); expected [N, \(d)] "
                          + "(one column per input: \(request.inputs.map(\.input).joined(separator: ", ")))")
        }
        let n = points.shape[0]
        if n == 0 { throw Failure(path: pointsPath, message: "'\(shown)': dataset '\(pointsName)' has no rows") }
        for r in 0..<n {
            for (i, interval) in request.inputs.enumerated() {
                let v = points.values[r * d + i]
                let place = "'\(shown)', dataset '\(pointsName)', row \(r)"
                guard v.isFinite else { throw Failure(path: pointsPath, message: "\(place): \(interval.input) is not a finite number (\(v))") }
                try checkInside(v, interval, place: place, path: pointsPath)
            }
        }
        let values = try request.outputs.map { output -> [Double] in
            let name = request.column(output)
            let a = try dataset(file, name, shown: shown, path: request.path(output), what: "the [N] values of output '\(output)'")
            guard a.shape == [n] || a.shape == [n, 1] else {
                throw Failure(path: request.path(output), message: "'\(shown)': dataset '\(name)' has shape \(a.shape); expected [\(n)] (one value per row of '\(pointsName)')")
            }
            if let bad = a.values.firstIndex(where: { !$0.isFinite }) {
                throw Failure(path: request.path(output), message: "'\(shown)', dataset '\(name)', element \(bad): not a finite number (\(a.values[bad]))")
            }
            return a.values
        }
        return Observations(source: shown, points: points.values, outputs: request.outputs, values: values)
    }

    private static func dataset(_ file: HDF5File, _ name: String, shown: String, path: String, what: String) throws -> HDF5Array<Double> {
        let exists = (try? file.exists(name)) ?? false
        guard exists, let array = try? file.readDoubles(name) else {
            let available = ((try? file.childNames(of: "/")) ?? []).joined(separator: ", ")
            throw Failure(path: path, message: "'\(shown)' has no numeric dataset '\(name)' for \(what) (datasets at the root: \(available.isEmpty ? "none" : available))")
        }
        return array
    }

    // MARK: shared

    /// Coordinates may sit on the boundary; a relative 1e-9 of slack absorbs printing round-off.
    private static func checkInside(_ v: Double, _ interval: InputInterval, place: String, path: String) throws {
        let slack = 1e-9 * max(1, abs(interval.lower), abs(interval.upper))
        if v < interval.lower - slack || v > interval.upper + slack {
            throw Failure(path: path, message: "\(place): \(interval.input) = \(ExpressionSource.spell(v)) is outside the domain "
                          + "[\(ExpressionSource.spell(interval.lower)), \(ExpressionSource.spell(interval.upper))]")
        }
    }

    private static func role(_ name: String, _ request: Request) -> String {
        request.inputs.contains { $0.input == name } ? "input '\(name)'" : "output '\(name)'"
    }
}
