import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure while putting output files in place, naming the path.
public struct AtomicOutputError: Error, CustomStringConvertible, Equatable, Sendable {
    public let operation: String
    public let path: String
    public let detail: String

    public init(operation: String, path: String, detail: String) {
        self.operation = operation
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(operation) failed: \(path): \(detail)" }
}

extension AtomicOutputError: LocalizedError {
    public var errorDescription: String? { description }
}

/// Writes output files so that an interrupted or failed run never leaves a broken file
/// where a good one was: each file is written under a temporary name in the same
/// directory (`.NAME.tmp-PID`, e.g. `results/.burgers.h5.tmp-4242`), flushed to disk,
/// and renamed over the final name with rename(2), which replaces it atomically on one
/// file system. If writing throws, the temporaries are removed and the previous files
/// are left as they were.
///
/// Several files (the .h5 and its .xdmf) are all written before any is renamed, then
/// renamed in the order given; give the .h5 first, so that a crash between the two
/// renames leaves the new data beside the old description rather than the reverse.
/// A run killed while writing leaves its temporaries behind; `removeStaleTemporaries`
/// deletes those whose process is gone.
public enum AtomicOutput {
    /// The marker between the final name and the process id in temporary names.
    public static let temporaryMarker = ".tmp-"

    /// The temporary URL used for `destination` by process `pid`: same directory,
    /// `.NAME.tmp-PID`.
    public static func temporaryURL(for destination: URL, pid: Int32 = getpid()) -> URL {
        let name = "." + destination.lastPathComponent + temporaryMarker + String(pid)
        return destination.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Writes one file: `body` writes to the URL it is given, then that file is renamed
    /// to `destination`. Returns what `body` returns.
    @discardableResult
    public static func write<T>(to destination: URL, _ body: (URL) throws -> T) throws -> T {
        try write(to: [destination]) { try body($0[0]) }
    }

    /// Writes several files: `body` writes every temporary URL it is given (same order
    /// as `destinations`), then each is renamed over its destination in that order.
    /// Missing parent directories are created first. `body` must close what it opened
    /// (call `HDF5File.close()`; HDF5 writes its metadata on close) before returning;
    /// data files referenced by name, such as the .h5 inside the .xdmf, must be named
    /// by their final names, not the temporaries.
    @discardableResult
    public static func write<T>(to destinations: [URL], _ body: ([URL]) throws -> T) throws -> T {
        precondition(Set(destinations.map(\.standardizedFileURL.path)).count == destinations.count,
                     "AtomicOutput.write: duplicate destinations \(destinations.map(\.path))")
        let temporaries = destinations.map { temporaryURL(for: $0) }
        for directory in Set(destinations.map { $0.deletingLastPathComponent() }) { try createDirectory(directory) }
        temporaries.forEach(removeIfPresent)
        let result: T
        do {
            result = try body(temporaries)
            for temporary in temporaries {
                guard FileManager.default.fileExists(atPath: temporary.path) else {
                    throw AtomicOutputError(operation: "write output", path: temporary.path,
                                            detail: "the writer did not create the file")
                }
                try flush(temporary)
            }
        } catch {
            temporaries.forEach(removeIfPresent)
            throw error
        }
        for (index, (temporary, destination)) in zip(temporaries, destinations).enumerated() {
            if rename(temporary.path, destination.path) != 0 {
                let detail = String(cString: strerror(errno))
                temporaries[index...].forEach(removeIfPresent)
                throw AtomicOutputError(operation: "rename \(temporary.lastPathComponent) into place",
                                        path: destination.path, detail: detail)
            }
        }
        Set(destinations.map { $0.deletingLastPathComponent() }).forEach { try? flush($0) }
        return result
    }

    /// Checks before long work that results can be written into `directory`: creates it
    /// (with parents), writes and removes a probe file there, and deletes the temporaries
    /// of earlier runs that were killed mid-write. Throws `AtomicOutputError` otherwise,
    /// so a bad output path fails at once instead of after training.
    public static func prepareDirectory(_ directory: URL) throws {
        try createDirectory(directory)
        let probe = temporaryURL(for: directory.appendingPathComponent("write-probe"))
        guard FileManager.default.createFile(atPath: probe.path, contents: nil) else {
            throw AtomicOutputError(operation: "write output", path: directory.path,
                                    detail: "cannot create files in this directory")
        }
        removeIfPresent(probe)
        removeStaleTemporaries(in: directory)
    }

    /// Deletes temporaries (`.NAME.tmp-PID`) in `directory` whose process no longer runs,
    /// returning the URLs removed. Those of running processes, including this one, are kept.
    @discardableResult
    public static func removeStaleTemporaries(in directory: URL) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [URL] = []
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: temporaryMarker, options: .backwards),
                  let pid = Int32(name[marker.upperBound...]), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // still running
            let url = directory.appendingPathComponent(name)
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(url) }
        }
        return removed
    }

    // MARK: - Internals

    private static func createDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw AtomicOutputError(operation: "create output directory", path: directory.path,
                                    detail: obstacle(to: directory) ?? error.localizedDescription)
        }
    }

    /// Why `directory` cannot be created, in words (Foundation only says "error 512"): the
    /// nearest existing ancestor is a file, or is not writable.
    private static func obstacle(to directory: URL) -> String? {
        var ancestor = directory.standardizedFileURL
        while ancestor.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { return "\(ancestor.path) is a file, not a directory" }
                return access(ancestor.path, W_OK) == 0 ? nil : "\(ancestor.path) is not writable"
            }
            ancestor.deleteLastPathComponent()
        }
        return nil
    }

    private static func removeIfPresent(_ url: URL) {
        if FileManager.default.fileExists(atPath: url.path) {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// fsync(2) a file or directory so the rename publishes complete data.
    private static func flush(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw AtomicOutputError(operation: "open for flush", path: url.path, detail: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        if fsync(fd) != 0 {
            throw AtomicOutputError(operation: "flush to disk", path: url.path, detail: String(cString: strerror(errno)))
        }
    }
}
