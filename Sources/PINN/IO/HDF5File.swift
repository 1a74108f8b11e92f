import CHDF5
import Foundation

/// An open HDF5 file: a small, safe wrapper over the HDF5 C API (1.10 API names).
///
/// Object paths are absolute inside the file ("/grid/x"); a path without the leading
/// slash is taken from the root. Every HDF5 identifier the wrapper opens is closed
/// before the call returns, so only the file identifier itself stays open; `close()`
/// (or deinit) releases it. Failures throw `HDF5Error` naming the operation, the file
/// and the object. Use one `HDF5File` from one thread at a time.
///
/// ```
/// let file = try HDF5File.create(atPath: "results/burgers.h5")
/// try file.writeDataset("/grid/x", values: x, shape: [x.count])   // creates /grid
/// try file.setAttribute("seed", .int(1234))
/// try file.close()
/// ```
public final class HDF5File {
    /// How an existing file is opened.
    public enum AccessMode: Sendable {
        case readOnly
        case readWrite
    }

    /// The file system path the file was created or opened with.
    public let path: String
    /// Whether datasets, groups and attributes may be written.
    public let isWritable: Bool
    /// The HDF5 file identifier, or -1 once closed.
    private(set) var id: hid_t

    private init(path: String, id: hid_t, isWritable: Bool) {
        self.path = path
        self.id = id
        self.isWritable = isWritable
    }

    deinit {
        if id >= 0 { _ = H5Fclose(id) }
    }

    /// Creates a new file, truncating any existing file at `path`.
    public static func create(atPath path: String) throws -> HDF5File {
        HDF5Library.silenceAutomaticErrorPrinting()
        let fid = H5Fcreate(path, chdf5_acc_trunc(), chdf5_p_default(), chdf5_p_default())
        guard fid >= 0 else {
            throw HDF5Error(.callFailed, operation: "create file", file: path, objectPath: "/",
                            detail: HDF5Library.takeInnermostErrorMessage())
        }
        return HDF5File(path: path, id: fid, isWritable: true)
    }

    /// Creates a new file at a file URL, truncating any existing file.
    public static func create(at url: URL) throws -> HDF5File {
        try create(atPath: url.path)
    }

    /// Opens an existing file (read-only by default).
    public static func open(atPath path: String, mode: AccessMode = .readOnly) throws -> HDF5File {
        HDF5Library.silenceAutomaticErrorPrinting()
        guard FileManager.default.fileExists(atPath: path) else {
            throw HDF5Error(.notFound, operation: "open file", file: path, objectPath: "/",
                            detail: "no such file")
        }
        let flags = mode == .readOnly ? chdf5_acc_rdonly() : chdf5_acc_rdwr()
        let fid = H5Fopen(path, flags, chdf5_p_default())
        guard fid >= 0 else {
            throw HDF5Error(.callFailed, operation: "open file", file: path, objectPath: "/",
                            detail: HDF5Library.takeInnermostErrorMessage())
        }
        return HDF5File(path: path, id: fid, isWritable: mode == .readWrite)
    }

    /// Opens an existing file at a file URL (read-only by default).
    public static func open(at url: URL, mode: AccessMode = .readOnly) throws -> HDF5File {
        try open(atPath: url.path, mode: mode)
    }

    /// Flushes and closes the file. Further use throws `HDF5Error.Kind.closed`;
    /// closing twice is allowed.
    public func close() throws {
        guard id >= 0 else { return }
        let fid = id
        id = -1
        try check(H5Fclose(fid), "close file", "/")
    }

    /// Whether the file is still open.
    public var isOpen: Bool { id >= 0 }

    /// The number of HDF5 identifiers open on this file, counting the file itself
    /// (1 when the wrapper has released everything it opened). A diagnostic for tests.
    public var openObjectCount: Int {
        guard id >= 0 else { return 0 }
        return Int(H5Fget_obj_count(id, chdf5_obj_all()))
    }

    // MARK: - Groups and links

    /// Whether an object (group, dataset) exists at `objectPath`; "/" always exists.
    /// A path that continues below a dataset ("/grid/x/y") does not exist.
    public func exists(_ objectPath: String) throws -> Bool {
        let fid = try openID("check existence", objectPath)
        let parts = HDF5File.components(of: objectPath)
        var prefix = ""
        for (index, part) in parts.enumerated() {
            if index > 0, try identifierType(fid, prefix) != H5I_GROUP { return false }
            prefix += "/" + part
            let found = H5Lexists(fid, prefix, chdf5_p_default())
            if found < 0 {
                throw failure("check existence", prefix)
            }
            if found == 0 { return false }
        }
        return true
    }

    /// Creates the group at `objectPath` and any missing parents ("/a/b/c"); an
    /// existing group is left as it is.
    public func createGroup(_ objectPath: String) throws {
        let fid = try writableID("create group", objectPath)
        var prefix = ""
        for part in HDF5File.components(of: objectPath) {
            prefix += "/" + part
            let found = H5Lexists(fid, prefix, chdf5_p_default())
            if found < 0 { throw failure("create group", prefix) }
            if found > 0 {
                guard try objectType(prefix) == H5O_TYPE_GROUP else {
                    throw HDF5Error(.typeMismatch, operation: "create group", file: path, objectPath: prefix,
                                    detail: "exists and is not a group")
                }
                continue
            }
            let gid = H5Gcreate2(fid, prefix, chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
            if gid < 0 { throw failure("create group", prefix) }
            try check(H5Gclose(gid), "close group", prefix)
        }
    }

    /// The names of the links directly inside a group, in name order.
    public func childNames(of groupPath: String = "/") throws -> [String] {
        let fid = try openID("list group", groupPath)
        let normalized = HDF5File.normalize(groupPath)
        var info = H5G_info_t()
        try check(H5Gget_info_by_name(fid, normalized, &info, chdf5_p_default()), "list group", normalized)
        var names: [String] = []
        for index in 0..<info.nlinks {
            let length = H5Lget_name_by_idx(fid, normalized, H5_INDEX_NAME, H5_ITER_INC, index, nil, 0,
                                            chdf5_p_default())
            if length < 0 { throw failure("list group", normalized) }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            let written = H5Lget_name_by_idx(fid, normalized, H5_INDEX_NAME, H5_ITER_INC, index, &buffer,
                                             buffer.count, chdf5_p_default())
            if written < 0 { throw failure("list group", normalized) }
            names.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
    }

    /// Whether `objectPath` is a group (false for datasets; throws if it does not exist).
    public func isGroup(_ objectPath: String) throws -> Bool {
        try objectType(objectPath) == H5O_TYPE_GROUP
    }

    // MARK: - Internal helpers shared by the extensions

    /// The object type at an existing path.
    func objectType(_ objectPath: String) throws -> H5O_type_t {
        let fid = try openID("inspect object", objectPath)
        let normalized = HDF5File.normalize(objectPath)
        guard try exists(normalized) else {
            throw HDF5Error(.notFound, operation: "inspect object", file: path, objectPath: normalized)
        }
        switch try identifierType(fid, normalized) {
        case H5I_GROUP: return H5O_TYPE_GROUP
        case H5I_DATASET: return H5O_TYPE_DATASET
        case H5I_DATATYPE: return H5O_TYPE_NAMED_DATATYPE
        default: return H5O_TYPE_UNKNOWN
        }
    }

    /// The identifier type (group, dataset, ...) of an object whose link is known to exist.
    private func identifierType(_ fid: hid_t, _ normalized: String) throws -> H5I_type_t {
        let oid = H5Oopen(fid, normalized, chdf5_p_default())
        if oid < 0 { throw failure("open object", normalized) }
        defer { _ = H5Oclose(oid) }
        return H5Iget_type(oid)
    }

    /// The open file id, or `closed` error.
    func openID(_ operation: String, _ objectPath: String) throws -> hid_t {
        HDF5Library.silenceAutomaticErrorPrinting()
        guard id >= 0 else {
            throw HDF5Error(.closed, operation: operation, file: path, objectPath: HDF5File.normalize(objectPath),
                            detail: "file is closed")
        }
        return id
    }

    /// The open file id of a writable file.
    func writableID(_ operation: String, _ objectPath: String) throws -> hid_t {
        let fid = try openID(operation, objectPath)
        guard isWritable else {
            throw HDF5Error(.callFailed, operation: operation, file: path, objectPath: HDF5File.normalize(objectPath),
                            detail: "file is open read-only")
        }
        return fid
    }

    /// An `HDF5Error.callFailed` carrying HDF5's innermost error message.
    func failure(_ operation: String, _ objectPath: String) -> HDF5Error {
        HDF5Error(.callFailed, operation: operation, file: path, objectPath: HDF5File.normalize(objectPath),
                  detail: HDF5Library.takeInnermostErrorMessage())
    }

    /// Throws `failure` when an `herr_t` is negative.
    func check(_ status: herr_t, _ operation: String, _ objectPath: String) throws {
        if status < 0 { throw failure(operation, objectPath) }
    }

    /// "/grid//x/" -> ["grid", "x"].
    static func components(of objectPath: String) -> [String] {
        objectPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// "grid/x" -> "/grid/x"; "" -> "/".
    static func normalize(_ objectPath: String) -> String {
        "/" + components(of: objectPath).joined(separator: "/")
    }

    /// The parent group path of an object path ("/grid/x" -> "/grid").
    static func parent(of objectPath: String) -> String {
        normalize(components(of: objectPath).dropLast().joined(separator: "/"))
    }
}
