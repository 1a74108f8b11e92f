import CHDF5
import Foundation

/// How the per-time-step datasets that the XDMF temporal collection references are stored.
///
/// ParaView 5.11's XDMF 3 reader silently drops arrays addressed through HyperSlab
/// DataItems, so a time series of [nt, ny, nx] needs one dataset per step.
public enum HDF5StepStorage: String, Sendable, CaseIterable {
    /// Each step is an ordinary dataset holding a copy of its slice (most compatible;
    /// doubles the file size of every time-dependent array).
    case copies
    /// Each step is an HDF5 virtual dataset (HDF5 >= 1.10) mapping onto its slice of the
    /// source in the same file: no data is duplicated and readers see plain datasets.
    case virtualViews
}

extension HDF5File {
    /// The name of step `index` among `count` steps: zero-padded to at least 4 digits
    /// ("0000", "0001", ...), so that names sort in time order.
    public static func stepName(_ index: Int, of count: Int) -> String {
        let width = max(4, String(max(count - 1, 0)).count)
        let digits = String(index)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Splits the float64 dataset `source` of shape [nt, d1, ..., dk] (time slowest) into
    /// nt datasets `destinationGroup/NNNN` of shape [d1, ..., dk], returning their paths
    /// in time order. `source` itself is left untouched.
    ///
    /// Example: `/fields/u` [nt, ny, nx] -> `/xdmf/fields/u/0000` ... each [ny, nx].
    @discardableResult
    public func writeTimeSteps(of source: String, into destinationGroup: String,
                               storage: HDF5StepStorage = .copies) throws -> [String] {
        let operation = "write time steps"
        let fid = try writableID(operation, source)
        let sourcePath = HDF5File.normalize(source)
        let group = HDF5File.normalize(destinationGroup)
        let shape = try datasetShape(sourcePath)
        guard shape.count >= 2 else {
            throw HDF5Error(.typeMismatch, operation: operation, file: path, objectPath: sourcePath,
                            detail: "expected a dataset of rank >= 2 with time slowest, found shape \(shape)")
        }
        try createGroup(group)
        let steps = shape[0]
        let stepShape = Array(shape.dropFirst())
        let paths = (0..<steps).map { group + (group == "/" ? "" : "/") + HDF5File.stepName($0, of: steps) }
        for path in paths where try exists(path) {
            throw HDF5Error(.alreadyExists, operation: operation, file: self.path, objectPath: path,
                            detail: "an object already exists there")
        }

        try withDataset(sourcePath, operation) { did in
            let fileSpace = H5Dget_space(did)
            if fileSpace < 0 { throw failure(operation, sourcePath) }
            defer { _ = H5Sclose(fileSpace) }
            let stepSpace = try createDataspace(stepShape, operation, sourcePath)
            defer { _ = H5Sclose(stepSpace) }
            var buffer = [Double](repeating: 0, count: stepShape.reduce(1, *))
            for (step, stepPath) in paths.enumerated() {
                var start = [hsize_t](repeating: 0, count: shape.count)
                start[0] = hsize_t(step)
                var count = shape.map { hsize_t($0) }
                count[0] = 1
                try check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nil, count, nil),
                          operation, sourcePath)
                switch storage {
                case .copies:
                    if !buffer.isEmpty {
                        let status = buffer.withUnsafeMutableBytes {
                            H5Dread(did, chdf5_native_double(), stepSpace, fileSpace, chdf5_p_default(), $0.baseAddress)
                        }
                        try check(status, operation, sourcePath)
                    }
                    let out = H5Dcreate2(fid, stepPath, chdf5_native_double(), stepSpace, chdf5_p_default(),
                                         chdf5_p_default(), chdf5_p_default())
                    if out < 0 { throw failure("create dataset", stepPath) }
                    defer { _ = H5Dclose(out) }
                    if !buffer.isEmpty {
                        let status = buffer.withUnsafeBytes {
                            H5Dwrite(out, chdf5_native_double(), chdf5_s_all(), chdf5_s_all(), chdf5_p_default(),
                                     $0.baseAddress)
                        }
                        try check(status, "write dataset", stepPath)
                    }
                case .virtualViews:
                    let dcpl = H5Pcreate(chdf5_p_dataset_create())
                    if dcpl < 0 { throw failure("create virtual dataset", stepPath) }
                    defer { _ = H5Pclose(dcpl) }
                    // "." names the file that holds the virtual dataset itself.
                    try check(H5Pset_virtual(dcpl, stepSpace, ".", sourcePath, fileSpace),
                              "create virtual dataset", stepPath)
                    let out = H5Dcreate2(fid, stepPath, chdf5_native_double(), stepSpace, chdf5_p_default(),
                                         dcpl, chdf5_p_default())
                    if out < 0 { throw failure("create virtual dataset", stepPath) }
                    _ = H5Dclose(out)
                }
            }
        }
        return paths
    }
}
