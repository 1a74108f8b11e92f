import CHDF5
import Foundation

/// The value of an HDF5 attribute as the wrapper writes and reads it.
///
/// Strings are UTF-8. `.string` is variable-length (h5py reads `str`; its text lives in
/// the global heap, so long texts such as the problem JSON do not hit the 64 KiB limit
/// of compact attribute storage); `.fixedString` is fixed-length and NUL-terminated
/// (h5py reads `bytes`/`numpy.bytes_`, for readers that predate variable-length types).
/// Numeric arrays are 1-D; keep them small (compact attribute storage holds < 64 KiB).
public enum HDF5AttributeValue: Sendable, Equatable {
    case string(String)
    case fixedString(String)
    case strings([String])
    case double(Double)
    case int(Int)
    case doubles([Double])
    case ints([Int])

    /// The text of a `.string` or `.fixedString`, else nil.
    public var stringValue: String? {
        switch self {
        case .string(let s), .fixedString(let s): return s
        default: return nil
        }
    }
}

extension HDF5File {
    // MARK: - Writing

    /// Sets an attribute on the object at `objectPath` (default the root group),
    /// replacing an attribute of the same name.
    public func setAttribute(_ name: String, _ value: HDF5AttributeValue, on objectPath: String = "/") throws {
        let operation = "write attribute '\(name)'"
        let fid = try writableID(operation, objectPath)
        let normalized = HDF5File.normalize(objectPath)
        guard try exists(normalized) else {
            throw HDF5Error(.notFound, operation: operation, file: path, objectPath: normalized,
                            detail: "no object to attach the attribute to")
        }
        let present = H5Aexists_by_name(fid, normalized, name, chdf5_p_default())
        if present < 0 { throw failure(operation, normalized) }
        if present > 0 {
            try check(H5Adelete_by_name(fid, normalized, name, chdf5_p_default()), operation, normalized)
        }

        switch value {
        case .double(let x):
            try withScalar(x) { try createAttribute(fid, normalized, name, chdf5_native_double(), [], $0) }
        case .int(let n):
            try withScalar(Int64(n)) { try createAttribute(fid, normalized, name, chdf5_native_int64(), [], $0) }
        case .doubles(let xs):
            try xs.withUnsafeBytes {
                try createAttribute(fid, normalized, name, chdf5_native_double(), [xs.count], $0.baseAddress)
            }
        case .ints(let ns):
            let wide = ns.map(Int64.init)
            try wide.withUnsafeBytes {
                try createAttribute(fid, normalized, name, chdf5_native_int64(), [ns.count], $0.baseAddress)
            }
        case .string(let s):
            let tid = try stringType(variable: true, size: 0, operation, normalized)
            defer { _ = H5Tclose(tid) }
            try s.withCString { cString in
                var pointer: UnsafePointer<CChar>? = cString
                try withUnsafeBytes(of: &pointer) {
                    try createAttribute(fid, normalized, name, tid, [], $0.baseAddress)
                }
            }
        case .fixedString(let s):
            var bytes = Array(s.utf8).map { CChar(bitPattern: $0) }
            bytes.append(0)
            let tid = try stringType(variable: false, size: bytes.count, operation, normalized)
            defer { _ = H5Tclose(tid) }
            try bytes.withUnsafeBytes { try createAttribute(fid, normalized, name, tid, [], $0.baseAddress) }
        case .strings(let list):
            let tid = try stringType(variable: true, size: 0, operation, normalized)
            defer { _ = H5Tclose(tid) }
            let copies: [UnsafeMutablePointer<CChar>?] = list.map { strdup($0) }
            defer { copies.forEach { free($0) } }
            try copies.withUnsafeBytes {
                try createAttribute(fid, normalized, name, tid, [list.count], $0.baseAddress)
            }
        }
    }

    // MARK: - Reading

    /// Whether the object at `objectPath` has an attribute `name`.
    public func hasAttribute(_ name: String, on objectPath: String = "/") throws -> Bool {
        let operation = "check attribute '\(name)'"
        let fid = try openID(operation, objectPath)
        let normalized = HDF5File.normalize(objectPath)
        guard try exists(normalized) else {
            throw HDF5Error(.notFound, operation: operation, file: path, objectPath: normalized)
        }
        let present = H5Aexists_by_name(fid, normalized, name, chdf5_p_default())
        if present < 0 { throw failure(operation, normalized) }
        return present > 0
    }

    /// The attribute names of the object at `objectPath`, in name order.
    public func attributeNames(on objectPath: String = "/") throws -> [String] {
        let operation = "list attributes"
        let fid = try openID(operation, objectPath)
        let normalized = HDF5File.normalize(objectPath)
        guard try exists(normalized) else {
            throw HDF5Error(.notFound, operation: operation, file: path, objectPath: normalized)
        }
        final class Names { var list: [String] = [] }
        let names = Names()
        let visitor: H5A_operator2_t = { _, attributeName, _, client in
            guard let attributeName, let client else { return -1 }
            Unmanaged<Names>.fromOpaque(client).takeUnretainedValue().list.append(String(cString: attributeName))
            return 0
        }
        var index: hsize_t = 0
        let status = withExtendedLifetime(names) {
            H5Aiterate_by_name(fid, normalized, H5_INDEX_NAME, H5_ITER_INC, &index, visitor,
                               Unmanaged.passUnretained(names).toOpaque(), chdf5_p_default())
        }
        try check(status, operation, normalized)
        return names.list
    }

    /// Reads an attribute, deciding the case from its stored type and rank.
    public func attribute(_ name: String, on objectPath: String = "/") throws -> HDF5AttributeValue {
        let operation = "read attribute '\(name)'"
        let normalized = HDF5File.normalize(objectPath)
        guard try hasAttribute(name, on: normalized) else {
            throw HDF5Error(.notFound, operation: operation, file: path, objectPath: normalized,
                            detail: "no such attribute")
        }
        let aid = H5Aopen_by_name(id, normalized, name, chdf5_p_default(), chdf5_p_default())
        if aid < 0 { throw failure(operation, normalized) }
        defer { _ = H5Aclose(aid) }
        let tid = H5Aget_type(aid)
        if tid < 0 { throw failure(operation, normalized) }
        defer { _ = H5Tclose(tid) }
        let sid = H5Aget_space(aid)
        if sid < 0 { throw failure(operation, normalized) }
        defer { _ = H5Sclose(sid) }
        let shape = try self.shape(ofDataspace: sid, operation, normalized)
        guard shape.count <= 1 else {
            throw HDF5Error(.typeMismatch, operation: operation, file: path, objectPath: normalized,
                            detail: "attribute of rank \(shape.count) is not supported")
        }
        let count = shape.first ?? 1
        let isScalar = shape.isEmpty

        switch H5Tget_class(tid) {
        case H5T_FLOAT:
            var xs = [Double](repeating: 0, count: count)
            let status = xs.withUnsafeMutableBytes { H5Aread(aid, chdf5_native_double(), $0.baseAddress) }
            try check(status, operation, normalized)
            return isScalar ? .double(xs[0]) : .doubles(xs)
        case H5T_INTEGER:
            var ns = [Int64](repeating: 0, count: count)
            let status = ns.withUnsafeMutableBytes { H5Aread(aid, chdf5_native_int64(), $0.baseAddress) }
            try check(status, operation, normalized)
            return isScalar ? .int(Int(ns[0])) : .ints(ns.map { Int($0) })
        case H5T_STRING:
            let variable = H5Tis_variable_str(tid)
            if variable < 0 { throw failure(operation, normalized) }
            let texts = variable > 0
                ? try readVariableStrings(aid, count: count, operation, normalized)
                : try readFixedStrings(aid, fileType: tid, count: count, operation, normalized)
            if !isScalar { return .strings(texts) }
            return variable > 0 ? .string(texts[0]) : .fixedString(texts[0])
        default:
            throw HDF5Error(.typeMismatch, operation: operation, file: path, objectPath: normalized,
                            detail: "attribute type is not a number or string")
        }
    }

    /// Reads a scalar string attribute (variable- or fixed-length).
    public func stringAttribute(_ name: String, on objectPath: String = "/") throws -> String {
        let value = try attribute(name, on: objectPath)
        guard let text = value.stringValue else { throw mismatch(name, objectPath, "a string", value) }
        return text
    }

    /// Reads a 1-D string-array attribute (e.g. `columns` of /training/loss).
    public func stringsAttribute(_ name: String, on objectPath: String = "/") throws -> [String] {
        let value = try attribute(name, on: objectPath)
        guard case .strings(let list) = value else { throw mismatch(name, objectPath, "a string array", value) }
        return list
    }

    /// Reads a scalar numeric attribute as Double (integers are converted).
    public func doubleAttribute(_ name: String, on objectPath: String = "/") throws -> Double {
        let value = try attribute(name, on: objectPath)
        switch value {
        case .double(let x): return x
        case .int(let n): return Double(n)
        default: throw mismatch(name, objectPath, "a number", value)
        }
    }

    /// Reads a scalar integer attribute.
    public func intAttribute(_ name: String, on objectPath: String = "/") throws -> Int {
        let value = try attribute(name, on: objectPath)
        guard case .int(let n) = value else { throw mismatch(name, objectPath, "an integer", value) }
        return n
    }

    // MARK: - Internals

    private func mismatch(_ name: String, _ objectPath: String, _ expected: String,
                          _ found: HDF5AttributeValue) -> HDF5Error {
        HDF5Error(.typeMismatch, operation: "read attribute '\(name)'", file: path,
                  objectPath: HDF5File.normalize(objectPath), detail: "expected \(expected), found \(found)")
    }

    private func withScalar<T>(_ value: T, _ body: (UnsafeRawPointer?) throws -> Void) throws {
        var copy = value
        try withUnsafeBytes(of: &copy) { try body($0.baseAddress) }
    }

    /// A UTF-8 C string type, variable-length or fixed `size` bytes NUL-terminated; the caller closes it.
    private func stringType(variable: Bool, size: Int, _ operation: String, _ objectPath: String) throws -> hid_t {
        let tid = H5Tcopy(chdf5_c_s1())
        if tid < 0 { throw failure(operation, objectPath) }
        do {
            try check(H5Tset_size(tid, variable ? chdf5_variable() : size), operation, objectPath)
            try check(H5Tset_cset(tid, H5T_CSET_UTF8), operation, objectPath)
            try check(H5Tset_strpad(tid, H5T_STR_NULLTERM), operation, objectPath)
        } catch {
            _ = H5Tclose(tid)
            throw error
        }
        return tid
    }

    /// Creates attribute `name` of `type` and `shape` ([] scalar) and writes `data`.
    private func createAttribute(_ fid: hid_t, _ objectPath: String, _ name: String, _ type: hid_t,
                                 _ shape: [Int], _ data: UnsafeRawPointer?) throws {
        let operation = "write attribute '\(name)'"
        let sid = try createDataspace(shape, operation, objectPath)
        defer { _ = H5Sclose(sid) }
        let aid = H5Acreate_by_name(fid, objectPath, name, type, sid, chdf5_p_default(), chdf5_p_default(),
                                    chdf5_p_default())
        if aid < 0 { throw failure(operation, objectPath) }
        defer { _ = H5Aclose(aid) }
        if shape.reduce(1, *) > 0 {
            try check(H5Awrite(aid, type, data), operation, objectPath)
        }
    }

    /// Reads `count` variable-length strings and frees HDF5's copies.
    private func readVariableStrings(_ aid: hid_t, count: Int, _ operation: String,
                                     _ objectPath: String) throws -> [String] {
        let memoryType = try stringType(variable: true, size: 0, operation, objectPath)
        defer { _ = H5Tclose(memoryType) }
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        let status = pointers.withUnsafeMutableBytes { H5Aread(aid, memoryType, $0.baseAddress) }
        defer { pointers.forEach { if let p = $0 { _ = H5free_memory(p) } } }
        try check(status, operation, objectPath)
        return pointers.map { $0.map { String(cString: $0) } ?? "" }
    }

    /// Reads `count` fixed-length strings, cutting each at its first NUL and trailing pad spaces.
    private func readFixedStrings(_ aid: hid_t, fileType: hid_t, count: Int, _ operation: String,
                                  _ objectPath: String) throws -> [String] {
        let size = H5Tget_size(fileType)
        guard size > 0 else { throw failure(operation, objectPath) }
        let spacePadded = H5Tget_strpad(fileType) == H5T_STR_SPACEPAD
        let memoryType = try stringType(variable: false, size: size, operation, objectPath)
        defer { _ = H5Tclose(memoryType) }
        // Read with the file's own padding so HDF5 does not cut the last byte of a NULLPAD string.
        try check(H5Tset_strpad(memoryType, H5Tget_strpad(fileType)), operation, objectPath)
        var bytes = [UInt8](repeating: 0, count: size * count)
        let status = bytes.withUnsafeMutableBytes { H5Aread(aid, memoryType, $0.baseAddress) }
        try check(status, operation, objectPath)
        return (0..<count).map { index in
            var slice = bytes[(index * size)..<((index + 1) * size)].prefix { $0 != 0 }
            if spacePadded { while slice.last == 0x20 { slice = slice.dropLast() } }
            return String(decoding: slice, as: UTF8.self)
        }
    }
}
