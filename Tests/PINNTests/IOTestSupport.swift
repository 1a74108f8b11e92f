import Foundation
import XCTest

import PINN

/// A fresh directory under the system temporary directory, removed by `tearDown`.
final class IOScratchDirectory {
    let url: URL

    init(_ label: String = "pinn-io") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Names of the files in the directory, hidden ones included, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Evenly spaced values from `a` to `b` inclusive.
func evenlySpaced(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    (0..<n).map { a + (b - a) * Double($0) / Double(max(n - 1, 1)) }
}

/// An in-memory result shaped as DESIGN.md's HDF5 contract, written by `write(to:)`.
struct FakeSolverResult {
    var name: String
    /// Inputs in array-axis order, slowest first, with their coordinates.
    var grid: [(name: String, values: [Double])]
    /// Per output: field, reference (same shape, row-major, axes as `grid`).
    var fields: [(name: String, field: [Double], reference: [Double])]
    var lossColumns: [String]
    var loss: [Double]
    var parameters: [Double]
    var attributes: [(String, HDF5AttributeValue)]

    var shape: [Int] { grid.map(\.values.count) }
    var iterations: Int { loss.count / lossColumns.count }

    /// Writes the contract layout into an open, writable file.
    func write(to file: HDF5File) throws {
        for axis in grid { try file.writeDataset("/grid/\(axis.name)", doubles: axis.values) }
        for output in fields {
            try file.writeDataset("/fields/\(output.name)", doubles: output.field, shape: shape)
            try file.writeDataset("/reference/\(output.name)", doubles: output.reference, shape: shape)
            let error = zip(output.field, output.reference).map { $0 - $1 }
            try file.writeDataset("/error/\(output.name)", doubles: error, shape: shape)
        }
        try file.writeDataset("/training/loss", doubles: loss, shape: [iterations, lossColumns.count])
        try file.setAttribute("columns", .strings(lossColumns), on: "/training/loss")
        try file.writeDataset("/training/parameters", doubles: parameters)
        for (key, value) in attributes { try file.setAttribute(key, value) }
    }

    /// Burgers, u_t + u u_x = nu u_xx on x in [-1, 1], t in [0, 1]: [nt=101, nx=256].
    static func burgers(nx: Int = 256, nt: Int = 101, iterations: Int = 40) -> FakeSolverResult {
        let x = evenlySpaced(-1, 1, nx), t = evenlySpaced(0, 1, nt)
        var field: [Double] = [], reference: [Double] = []
        for tv in t {
            for xv in x {
                // A steepening profile; the "network" is off by a small smooth error.
                let exact = -sin(Double.pi * xv) * exp(-tv) / (1 + 2 * tv * cos(Double.pi * xv) * cos(Double.pi * xv))
                reference.append(exact)
                field.append(exact + 1e-3 * sin(3 * xv) * tv)
            }
        }
        let columns = ["pde", "initial", "boundary"]
        let loss: [Double] = (0..<(iterations * columns.count)).map { (k: Int) -> Double in
            let iteration = Double(k / columns.count + 1), term = Double(k % columns.count + 1)
            return term / iteration
        }
        let problem = #"{"schema": 1, "name": "burgers", "parameters": {"nu": 0.003183098861837907}, "note": "ü → ∂u/∂t"}"#
        let diff = zip(field, reference).map { $0 - $1 }
        let rel = (diff.map { $0 * $0 }.reduce(0, +) / reference.map { $0 * $0 }.reduce(0, +)).squareRoot()
        return FakeSolverResult(
            name: "burgers",
            grid: [("t", t), ("x", x)],
            fields: [("u", field, reference)],
            lossColumns: columns, loss: loss,
            parameters: (0..<321).map { sin(Double($0)) },
            attributes: [("problem", .string(problem)), ("seed", .int(1234)), ("version", .string("0.1.0")),
                         ("wall_seconds", .double(12.75)), ("rel_l2_u", .double(rel))])
    }

    /// Taylor–Green vortex on [0, 2 pi]^2: u, v, p on [nt, ny, nx] (nx != ny to catch axis swaps).
    static func taylorGreen(nx: Int = 40, ny: Int = 24, nt: Int = 6) -> FakeSolverResult {
        let x = evenlySpaced(0, 2 * .pi, nx), y = evenlySpaced(0, .pi, ny), t = evenlySpaced(0, 1, nt)
        let nu = 0.1
        var u: [Double] = [], v: [Double] = [], p: [Double] = []
        for tv in t {
            let decay = exp(-2 * nu * tv)
            for yv in y {
                for xv in x {
                    u.append(-cos(xv) * sin(yv) * decay)
                    v.append(sin(xv) * cos(yv) * decay)
                    p.append(-0.25 * (cos(2 * xv) + cos(2 * yv)) * decay * decay)
                }
            }
        }
        let wobble: ([Double]) -> [Double] = { $0.enumerated().map { $0.element + 1e-4 * Double($0.offset % 7) } }
        return FakeSolverResult(
            name: "taylor_green",
            grid: [("t", t), ("y", y), ("x", x)],
            fields: [("u", wobble(u), u), ("v", wobble(v), v), ("p", wobble(p), p)],
            lossColumns: ["momentum_x", "momentum_y", "continuity"], loss: (0..<30).map { 1 / Double($0 + 1) },
            parameters: [0.5, -0.25],
            attributes: [("problem", .string(#"{"schema": 1}"#)), ("seed", .int(7)), ("version", .string("0.1.0")),
                         ("wall_seconds", .double(3.5)), ("rel_l2_u", .double(1e-4)), ("rel_l2_v", .double(2e-4)),
                         ("rel_l2_p", .double(3e-4))])
    }
}

extension FakeSolverResult {
    /// A steady 3-D field u = sin(pi x) sin(pi y) z on [0,1] x [0,2] x [0,3]: [nz, ny, nx].
    static func box(nx: Int = 20, ny: Int = 12, nz: Int = 8) -> FakeSolverResult {
        let x = evenlySpaced(0, 1, nx), y = evenlySpaced(0, 2, ny), z = evenlySpaced(0, 3, nz)
        var u: [Double] = []
        for zv in z { for yv in y { for xv in x { u.append(sin(.pi * xv) * sin(.pi * yv) * zv) } } }
        return FakeSolverResult(name: "box", grid: [("z", z), ("y", y), ("x", x)], fields: [("u", u, u)],
                          lossColumns: ["pde"], loss: [1, 0.5], parameters: [1],
                          attributes: [("problem", .string("{}")), ("seed", .int(1)), ("version", .string("0.1.0")),
                                       ("wall_seconds", .double(0.1)), ("rel_l2_u", .double(0))])
    }
}

/// Asserts two arrays are equal element by element, printing the first mismatch.
func assertSameValues(_ observed: [Double], _ expected: [Double], _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(observed.count, expected.count, "\(what): count", file: file, line: line)
    if let index = zip(observed, expected).indices(where: { $0.0 != $0.1 }).first {
        XCTFail("\(what): first mismatch at \(index): expected \(expected[index]), observed \(observed[index])",
                file: file, line: line)
    }
}

private extension Sequence {
    func indices(where predicate: (Element) -> Bool) -> [Int] {
        enumerated().filter { predicate($0.element) }.map(\.offset)
    }
}

/// A tmpfs of `kilobytes` mounted at a fresh directory, for full-disk tests: needs root (or
/// CAP_SYS_ADMIN); otherwise `mount` throws XCTSkip saying so. `fill()` takes the rest of
/// its space; `unmount()` (call it in tearDown) removes it.
final class TinyFileSystem {
    let url: URL

    init(kilobytes: Int) throws {
        guard getuid() == 0 else { throw XCTSkip("mounting a tiny tmpfs to fill needs root; run the suite as root to test a full disk") }
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pinn-tiny-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let status = TinyFileSystem.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path])
        guard status == 0 else {
            try? FileManager.default.removeItem(at: url)
            throw XCTSkip("mount -t tmpfs failed (status \(status)): this container may not allow mounts")
        }
    }

    /// Writes a filler file until the file system is full; returns its size in bytes.
    @discardableResult
    func fill() -> Int {
        let fd = open(url.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o644)
        defer { close(fd) }
        let block = [UInt8](repeating: 0xAB, count: 512)
        var total = 0
        while true {
            let n = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            total += n
        }
        return total
    }

    func unmount() {
        _ = TinyFileSystem.run("/bin/umount", [url.path])
        try? FileManager.default.removeItem(at: url)
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

/// Runs `process` (configured, not started) with its standard output discarded and returns
/// its standard error once it has exited.
func runCollectingStandardError(_ process: Process) throws -> String {
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text
}
