// libFuzzer target: the expression parser on any text (one network function R of one
// argument known). Every input must end in an expression tree or an ExpressionError, never
// a trap or a stack overflow; a parsed tree must print (its description recurses as deep).
// Built and run by scripts/fuzz.sh expression.
import Foundation
@testable import PINN

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpressionParser(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let expression = try ExpressionParser.parse(text, functions: ["R": 1])
        _ = expression.description
    } catch is ExpressionError {
    } catch {
        fatalError("ExpressionParser.parse threw \(type(of: error)), not an ExpressionError: \(error)")
    }
    return 0
}
