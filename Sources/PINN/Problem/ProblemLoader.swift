import Foundation

/// Reads problem files: decoding (strict, in file order) then validation.
///
/// ```
/// let problem = try ProblemLoader.load(path: "problems/burgers.json")
/// ```
/// Every failure is a ``ProblemError`` whose description names the file and JSON path.
public enum ProblemLoader {
    /// Loads, decodes and validates the problem file at `path`.
    public static func load(path: String) throws -> Problem {
        try loadWithText(path: path).problem
    }

    /// The problem and the file's text as read (one read: results store the text verbatim).
    public static func loadWithText(path: String) throws -> (problem: Problem, text: String) {
        let data = try read(path: path)
        return (try load(data: data, file: path), String(decoding: data, as: UTF8.self))
    }

    /// Decodes and validates JSON `data`; `file` names it in messages (and gives the default
    /// display name).
    public static func load(data: Data, file: String) throws -> Problem {
        try ProblemValidator(file: file, spec: decodeSpec(data: data, file: file)).validate()
    }

    /// Decodes JSON `data` into a spec without checking its meaning.
    public static func decodeSpec(data: Data, file: String) throws -> ProblemSpec {
        let tree: JSONValue
        do {
            tree = try JSONParser.parse(data)
        } catch let e as JSONSyntaxError {
            throw ProblemError(file: file, syntax: e)
        }
        guard case .object = tree else {
            throw ProblemError(file: file, path: "", message: "expected a JSON object at the top level, found \(tree.summary)")
        }
        do {
            return try ProblemSpec(from: JSONTreeDecoder(tree))
        } catch let e as DecodingError {
            throw ProblemError(file: file, decodingError: e)
        }
    }

    /// Validates a spec (for example one built in code).
    public static func validate(_ spec: ProblemSpec, file: String) throws -> Problem {
        try ProblemValidator(file: file, spec: spec).validate()
    }

    /// The file's bytes, or a ``ProblemError`` saying it is missing or unreadable.
    static func read(path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ProblemError(kind: .fileNotFound, file: path, path: "", message: "no such file")
        }
        if isDirectory.boolValue {
            throw ProblemError(kind: .unreadable, file: path, path: "", message: "is a directory, not a problem file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ProblemError(kind: .unreadable, file: path, path: "", message: "cannot read the file (\(error.localizedDescription))")
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw ProblemError(kind: .unreadable, file: path, path: "", message: "the file is not UTF-8 text")
        }
        return data
    }
}
