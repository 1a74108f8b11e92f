import CSupport
import Foundation

/// The GEMM plan's choices kept between runs on one machine, like FFTW's wisdom: the first
/// run times each shape class (`GemmPlan`) and saves what it chose; later runs adopt those
/// choices before anything is timed. Which kernel runs a product decides its last bits
/// (the SIMD tiles round alike, OpenBLAS differently), and a choice made by timing can flip
/// with the machine's load, so without this two runs of one problem could differ in the last
/// bits; with it, runs on one machine use the same kernels (a resumed run adopts its
/// checkpoint's plan on top).
///
/// The file is plain text: a header naming what the choices depend on (this format, the
/// kernel list, the compiled vector width, the CPU model), then one line "class choice" per
/// planned shape class. A file whose header does not match is ignored and replaced. Written
/// atomically (temporary file, then rename); two runs saving at once keep one run's union.
public enum GemmWisdom {
    /// `PINN_GEMM_WISDOM` (a path; empty to keep no wisdom), else
    /// `$XDG_CACHE_HOME/pinn-solve/gemm-wisdom`, else `~/.cache/pinn-solve/gemm-wisdom`.
    public static var defaultURL: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PINN_GEMM_WISDOM"] { return path.isEmpty ? nil : URL(fileURLWithPath: path) }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.cache" }
        return cache.map { URL(fileURLWithPath: $0).appendingPathComponent("pinn-solve/gemm-wisdom") }
    }

    /// What the choices are only valid for.
    public static var header: String {
        "pinn-solve gemm wisdom 1; kernels " + Gemm.Kernel.simdKernels.map(\.rawValue).joined(separator: ",")
            + "; vector \(csupport_vector_register_doubles()); cpu " + cpuModel
    }

    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let colon = line.firstIndex(of: ":") else { return "unknown" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The entries of the file at `url` when its header matches; [] when it is missing,
    /// unreadable, from another build or CPU, or malformed.
    public static func read(_ url: URL) -> [(shapeClass: Int, choice: UInt8)] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty, lines.removeFirst() == header else { return [] }
        var entries: [(shapeClass: Int, choice: UInt8)] = []
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let shapeClass = Int(fields[0]), let choice = UInt8(fields[1]) else { return [] }
            entries.append((shapeClass, choice))
        }
        return entries
    }

    /// Adopts the file's choices into `plan`; false when there were none to adopt.
    @discardableResult
    public static func load(from url: URL? = defaultURL, into plan: GemmPlan = .shared) -> Bool {
        guard let url else { return false }
        let entries = read(url)
        return !entries.isEmpty && plan.adopt(entries)
    }

    /// Writes the file's entries with `plan`'s (the plan's win for a class both hold).
    /// Failures (a read-only home, a full disk) are ignored: wisdom only saves time.
    public static func save(to url: URL? = defaultURL, from plan: GemmPlan = .shared) {
        guard let url else { return }
        var merged: [Int: UInt8] = [:]
        for e in read(url) { merged[e.shapeClass] = e.choice }
        let planned = plan.plannedEntries
        if planned.isEmpty { return }
        if planned.allSatisfy({ merged[$0.shapeClass] == $0.choice }) && !merged.isEmpty { return }
        for e in planned { merged[e.shapeClass] = e.choice }
        let body = merged.keys.sorted().map { "\($0) \(merged[$0]!)" }.joined(separator: "\n")
        let text = header + "\n" + body + "\n"
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
