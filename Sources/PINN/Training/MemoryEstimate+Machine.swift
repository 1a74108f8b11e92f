import Foundation

/// The machine's memory, as the kernel reports it.
public struct MachineMemory: Sendable {
    /// Memory a new allocation can get without swapping (`MemAvailable`), in bytes.
    public let available: Double
    /// Installed memory (`MemTotal`), in bytes.
    public let total: Double

    public init(available: Double, total: Double) {
        self.available = available
        self.total = total
    }

    /// From /proc/meminfo; where that is missing (not Linux), the physical memory for both.
    public static func current() -> MachineMemory {
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else {
            return MachineMemory(available: physical, total: physical)
        }
        func field(_ name: String) -> Double? {
            for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                if parts.count >= 2, let kB = Double(parts[1]) { return kB * 1024 }
            }
            return nil
        }
        let total = field("MemTotal") ?? physical
        return MachineMemory(available: field("MemAvailable") ?? total, total: total)
    }
}

extension MemoryEstimate {
    /// Throws `SolveError.unsupported` (bad input, exit 2) when the estimate exceeds the
    /// memory available now: a run that cannot fit should end before it starts, with the
    /// numbers, not in the allocator.
    public func refuseIfTooLarge(machine: MachineMemory = .current()) throws {
        let total = totalBytes
        guard !(total <= machine.available) else { return } // also refuses a NaN estimate
        let largest = items.max { $0.bytes < $1.bytes }!
        throw SolveError.unsupported("\(file): this problem needs about \(MemoryEstimate.bytes(total)) of memory "
            + "(\(largest.name): \(MemoryEstimate.bytes(largest.bytes)), \(largest.detail)), but this machine has "
            + "\(MemoryEstimate.bytes(machine.available)) available of \(MemoryEstimate.bytes(machine.total)); "
            + "make it smaller (`pinn-solve check \(file)` prints the estimate)")
    }

    /// The breakdown as `pinn-solve check` prints it.
    public func lines(machine: MachineMemory = .current()) -> [String] {
        var result = ["memory estimate: \(MemoryEstimate.bytes(totalBytes)) (this machine: "
            + "\(MemoryEstimate.bytes(machine.available)) available of \(MemoryEstimate.bytes(machine.total)))"]
        for item in items {
            result.append("  " + item.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + MemoryEstimate.bytes(item.bytes).padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + item.detail)
        }
        if !(totalBytes <= machine.available) { result.append("  too large for this machine: a run would be refused") }
        return result
    }
}
