import CHDF5
import Foundation

/// A failed HDF5 operation, naming what was attempted, on which file and object.
///
/// HDF5's own automatic error printing is switched off (see `HDF5Library.silenceAutomaticErrorPrinting`);
/// instead the innermost message of HDF5's error stack, when there is one, is kept in `detail`.
/// Example description:
/// `HDF5 create dataset failed: results/burgers.h5:/fields/u: already exists`.
public struct HDF5Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure this is, for callers that react differently (e.g. `notFound`).
    public enum Kind: String, Sendable {
        /// An HDF5 call returned a failure code.
        case callFailed
        /// The file, group, dataset or attribute does not exist.
        case notFound
        /// The object exists but holds another type or rank than was asked for.
        case typeMismatch
        /// The object to create already exists.
        case alreadyExists
        /// The file handle was used after `close()`.
        case closed
    }

    public let kind: Kind
    /// The operation attempted, e.g. "create dataset", "read attribute 'seed'".
    public let operation: String
    /// The file system path of the HDF5 file.
    public let file: String
    /// The object path inside the file ("/" for the root group).
    public let objectPath: String
    /// The innermost HDF5 error-stack message or our own explanation; may be empty.
    public let detail: String

    public init(_ kind: Kind, operation: String, file: String, objectPath: String, detail: String = "") {
        self.kind = kind
        self.operation = operation
        self.file = file
        self.objectPath = objectPath
        self.detail = detail
    }

    public var description: String {
        var text = "HDF5 \(operation) failed: \(file):\(objectPath)"
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}

extension HDF5Error: LocalizedError {
    public var errorDescription: String? { description }
}

/// Process-wide HDF5 settings used by the wrapper.
enum HDF5Library {
    /// Turns off HDF5's automatic printing of the error stack to stderr.
    ///
    /// The library is built thread-safe on Debian, and then the error stack and its
    /// "auto" printer are per thread, so this is called at the start of every wrapper
    /// operation (it only stores a null function pointer) rather than once.
    static func silenceAutomaticErrorPrinting() {
        _ = H5Eset_auto2(chdf5_e_default(), nil, nil)
    }

    /// The description of the innermost (first-pushed) record of the current thread's
    /// HDF5 error stack, e.g. "unable to open file", then clears the stack.
    static func takeInnermostErrorMessage() -> String {
        final class Box { var message = "" }
        let box = Box()
        let walker: H5E_walk2_t = { n, record, client in
            guard let record, let client else { return 0 }
            let box = Unmanaged<Box>.fromOpaque(client).takeUnretainedValue()
            // H5E_WALK_UPWARD visits the innermost record first (n == 0).
            if n == 0, let desc = record.pointee.desc {
                box.message = String(cString: desc)
            }
            return 0
        }
        withExtendedLifetime(box) {
            _ = H5Ewalk2(chdf5_e_default(), H5E_WALK_UPWARD, walker, Unmanaged.passUnretained(box).toOpaque())
        }
        _ = H5Eclear2(chdf5_e_default())
        return readable(box.message)
    }

    /// The system's reason when HDF5's message is a low-level I/O report. HDF5 describes a
    /// failed write(2) as "file write failed: time = …, filename = …, file descriptor = 3,
    /// errno = 28, error message = 'No space left on device', buf = 0x…, total write size = …"
    /// over two lines; a user needs "file write failed: No space left on device (errno 28)".
    static func readable(_ message: String) -> String {
        guard let marker = message.range(of: "error message = '"),
              let end = message[marker.upperBound...].firstIndex(of: "'") else {
            return message.split(separator: "\n").first.map(String.init) ?? message
        }
        let reason = String(message[marker.upperBound..<end])
        let what = message.range(of: ": time =").map { String(message[..<$0.lowerBound]) }
            ?? message.range(of: ",").map { String(message[..<$0.lowerBound]) } ?? ""
        var errnoText = ""
        if let e = message.range(of: "errno = ") {
            errnoText = " (errno " + message[e.upperBound...].prefix { $0.isNumber } + ")"
        }
        return (what.isEmpty ? "" : what + ": ") + reason + errnoText
    }
}
