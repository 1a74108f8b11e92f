// libFuzzer target: the JSON reader (JSONParser), on any bytes. Every input must end in a
// value or a JSONSyntaxError, never a trap, a stack overflow or a hang. Built and run by
// scripts/fuzz.sh json.
import Foundation
@testable import PINN

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        let value = try JSONParser.parse(data)
        _ = value.summary
    } catch is JSONSyntaxError {
    } catch {
        fatalError("JSONParser.parse threw \(type(of: error)), not a JSONSyntaxError: \(error)")
    }
    return 0
}
