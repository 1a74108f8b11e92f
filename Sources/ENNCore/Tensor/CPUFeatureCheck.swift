import CSupport

/// Guards against running a binary built for a newer CPU (`-target-cpu native`, see
/// Package.swift) on one without those instructions, which would otherwise die with SIGILL.
public enum CPUFeatureCheck {
    /// nil when this CPU runs the binary; else a message saying what is missing and how to rebuild.
    public static func problem() -> String? {
        guard let missing = csupport_missing_cpu_feature() else { return nil }
        return "this binary was compiled for a CPU with \(String(cString: missing)), which this machine lacks; "
            + "rebuild on this machine (make build), or build a portable binary with PINN_TARGET_CPU=x86-64 (slower)"
    }
}
