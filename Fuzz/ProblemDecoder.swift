// libFuzzer target: problem text → decoded spec → validated Problem → memory estimate,
// without training. Every input must end in a Problem or a ProblemError (a bad file says
// where), never a trap. Built and run by scripts/fuzz.sh problem (from an empty working
// directory, so relative data paths in the input find nothing).
import Foundation
@testable import PINN

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProblemDecoder(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        let problem = try ProblemLoader.load(data: data, file: "fuzz.json")
        let estimate = MemoryEstimate(problem: problem, threads: 2)
        _ = estimate.lines(machine: MachineMemory(available: 16e9, total: 32e9))
        _ = problem.requiredDerivatives
    } catch is ProblemError {
    } catch {
        fatalError("ProblemLoader.load threw \(type(of: error)), not a ProblemError: \(error)")
    }
    return 0
}
