import CHDF5
import Foundation

/// An N-dimensional array read from (or for) an HDF5 dataset: row-major values and
/// the shape, slowest axis first (the HDF5 and C order).
public struct HDF5Array<Element: Sendable & Equatable>: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Element]

    public init(shape: [Int], values: [Element]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "HDF5Array: negative extent in shape \(shape)")
        precondition(values.count == shape.reduce(1, *),
                     "HDF5Array: \(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
    }
}

extension HDF5File {
    // MARK: - Writing

    /// Writes an N-D float64 dataset (row-major `values`, `shape` slowest axis first),
    /// creating missing parent groups. An empty `shape` writes a scalar dataset.
    /// Throws `alreadyExists` if something is already at `objectPath`.
    public func writeDataset(_ objectPath: String, doubles values: [Double], shape: [Int]) throws {
        HDF5File.checkShape(shape, count: values.count, objectPath)
        try values.withUnsafeBufferPointer { buffer in
            try writeRaw(objectPath, memoryType: chdf5_native_double(), shape: shape,
                         data: UnsafeRawPointer(buffer.baseAddress))
        }
    }

    /// Writes a 1-D float64 dataset.
    public func writeDataset(_ objectPath: String, doubles values: [Double]) throws {
        try writeDataset(objectPath, doubles: values, shape: [values.count])
    }

    /// Writes an int64 dataset (1-D unless `shape` is given), creating missing parent groups.
    public func writeDataset(_ objectPath: String, integers values: [Int64], shape: [Int]? = nil) throws {
        let shape = shape ?? [values.count]
        HDF5File.checkShape(shape, count: values.count, objectPath)
        try values.withUnsafeBufferPointer { buffer in
            try writeRaw(objectPath, memoryType: chdf5_native_int64(), shape: shape,
                         data: UnsafeRawPointer(buffer.baseAddress))
        }
    }

    /// Writes a 1-D int64 dataset from `Int` values.
    public func writeDataset(_ objectPath: String, integers values: [Int]) throws {
        try writeDataset(objectPath, integers: values.map(Int64.init), shape: [values.count])
    }

    // MARK: - Reading

    /// The extents of a dataset, slowest axis first ([] for a scalar dataset).
    public func datasetShape(_ objectPath: String) throws -> [Int] {
        let normalized = HDF5File.normalize(objectPath)
        return try withDataset(normalized, "read dataset shape") { did in
            try shape(ofDataset: did, normalized)
        }
    }

    /// Reads a numeric dataset as float64 (integer datasets are converted by HDF5).
    public func readDoubles(_ objectPath: String) throws -> HDF5Array<Double> {
        try readNumeric(objectPath, memoryType: chdf5_native_double(), accepting: [H5T_FLOAT, H5T_INTEGER],
                        zero: 0.0)
    }

    /// Reads an integer dataset as int64.
    public func readInt64s(_ objectPath: String) throws -> HDF5Array<Int64> {
        try readNumeric(objectPath, memoryType: chdf5_native_int64(), accepting: [H5T_INTEGER], zero: Int64(0))
    }

    // MARK: - Internals

    /// Precondition: `shape` has no negative extent and holds exactly `count` elements.
    static func checkShape(_ shape: [Int], count: Int, _ objectPath: String) {
        precondition(shape.allSatisfy { $0 >= 0 }, "writeDataset(\(objectPath)): negative extent in shape \(shape)")
        precondition(shape.reduce(1, *) == count,
                     "writeDataset(\(objectPath)): \(count) values do not fill shape \(shape)")
    }

    /// Creates a dataspace for `shape` (scalar when empty); the caller closes it.
    func createDataspace(_ shape: [Int], _ operation: String, _ objectPath: String) throws -> hid_t {
        let sid: hid_t
        if shape.isEmpty {
            sid = H5Screate(H5S_SCALAR)
        } else {
            let dims = shape.map { hsize_t($0) }
            sid = H5Screate_simple(Int32(dims.count), dims, nil)
        }
        if sid < 0 { throw failure(operation, objectPath) }
        return sid
    }

    /// Creates a dataset and writes `data` (which may be nil for zero elements).
    func writeRaw(_ objectPath: String, memoryType: hid_t, shape: [Int], data: UnsafeRawPointer?) throws {
        let operation = "write dataset"
        let fid = try writableID(operation, objectPath)
        let normalized = HDF5File.normalize(objectPath)
        guard normalized != "/" else {
            throw HDF5Error(.alreadyExists, operation: operation, file: path, objectPath: normalized,
                            detail: "the root group cannot be a dataset")
        }
        if try exists(normalized) {
            throw HDF5Error(.alreadyExists, operation: operation, file: path, objectPath: normalized,
                            detail: "an object already exists there")
        }
        try createGroup(HDF5File.parent(of: normalized))
        let sid = try createDataspace(shape, operation, normalized)
        defer { _ = H5Sclose(sid) }
        let did = H5Dcreate2(fid, normalized, memoryType, sid, chdf5_p_default(), chdf5_p_default(),
                             chdf5_p_default())
        if did < 0 { throw failure("create dataset", normalized) }
        defer { _ = H5Dclose(did) }
        if shape.reduce(1, *) > 0 {
            try check(H5Dwrite(did, memoryType, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), data),
                      operation, normalized)
        }
    }

    /// Opens a dataset, runs `body` with its id and closes it.
    func withDataset<T>(_ normalized: String, _ operation: String, _ body: (hid_t) throws -> T) throws -> T {
        let fid = try openID(operation, normalized)
        guard try exists(normalized) else {
            throw HDF5Error(.notFound, operation: operation, file: path, objectPath: normalized,
                            detail: "no such dataset")
        }
        guard try objectType(normalized) == H5O_TYPE_DATASET else {
            throw HDF5Error(.typeMismatch, operation: operation, file: path, objectPath: normalized,
                            detail: "not a dataset")
        }
        let did = H5Dopen2(fid, normalized, chdf5_p_default())
        if did < 0 { throw failure(operation, normalized) }
        defer { _ = H5Dclose(did) }
        return try body(did)
    }

    /// The extents of an open dataset.
    func shape(ofDataset did: hid_t, _ normalized: String) throws -> [Int] {
        let sid = H5Dget_space(did)
        if sid < 0 { throw failure("read dataset shape", normalized) }
        defer { _ = H5Sclose(sid) }
        return try shape(ofDataspace: sid, "read dataset shape", normalized)
    }

    /// The extents of a dataspace ([] for scalar).
    func shape(ofDataspace sid: hid_t, _ operation: String, _ objectPath: String) throws -> [Int] {
        let rank = H5Sget_simple_extent_ndims(sid)
        if rank < 0 { throw failure(operation, objectPath) }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0, H5Sget_simple_extent_dims(sid, &dims, nil) < 0 { throw failure(operation, objectPath) }
        return dims.map { Int($0) }
    }

    /// Reads a whole numeric dataset after checking its type class.
    private func readNumeric<T: Sendable & Equatable>(_ objectPath: String, memoryType: hid_t,
                                                      accepting classes: [H5T_class_t],
                                                      zero: T) throws -> HDF5Array<T> {
        let normalized = HDF5File.normalize(objectPath)
        let operation = "read dataset"
        return try withDataset(normalized, operation) { did in
            let tid = H5Dget_type(did)
            if tid < 0 { throw failure(operation, normalized) }
            defer { _ = H5Tclose(tid) }
            let typeClass = H5Tget_class(tid)
            guard classes.contains(typeClass) else {
                throw HDF5Error(.typeMismatch, operation: operation, file: path, objectPath: normalized,
                                detail: "dataset type class \(typeClass.rawValue) is not \(T.self)-compatible")
            }
            let shape = try shape(ofDataset: did, normalized)
            var values = [T](repeating: zero, count: shape.reduce(1, *))
            if !values.isEmpty {
                let status = values.withUnsafeMutableBytes { raw in
                    H5Dread(did, memoryType, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), raw.baseAddress)
                }
                try check(status, operation, normalized)
            }
            return HDF5Array(shape: shape, values: values)
        }
    }
}
