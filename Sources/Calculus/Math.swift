#if hasFeature(Embedded)
// Embedded Swift (the WebAssembly build, `make wasm`) has no C library module: the few functions the engine uses are
// declared here and linked from wasi-libc.
@_extern(c, "pow") func pow(_ a: Double, _ b: Double) -> Double
@_extern(c, "sin") func sin(_ x: Double) -> Double
@_extern(c, "cos") func cos(_ x: Double) -> Double
@_extern(c, "tan") func tan(_ x: Double) -> Double
@_extern(c, "exp") func exp(_ x: Double) -> Double
@_extern(c, "log") func log(_ x: Double) -> Double
@_extern(c, "sinh") func sinh(_ x: Double) -> Double
@_extern(c, "cosh") func cosh(_ x: Double) -> Double
@_extern(c, "tanh") func tanh(_ x: Double) -> Double
@_extern(c, "asin") func asin(_ x: Double) -> Double
@_extern(c, "acos") func acos(_ x: Double) -> Double
@_extern(c, "atan") func atan(_ x: Double) -> Double
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Thin wrappers so the rest of the engine does not depend on the C library's names.
@inline(__always) func cMath_pow(_ a: Double, _ b: Double) -> Double { pow(a, b) }
@inline(__always) func cMath_sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func cMath_cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func cMath_tan(_ x: Double) -> Double { tan(x) }
@inline(__always) func cMath_exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func cMath_log(_ x: Double) -> Double { log(x) }
@inline(__always) func cMath_sinh(_ x: Double) -> Double { sinh(x) }
@inline(__always) func cMath_cosh(_ x: Double) -> Double { cosh(x) }
@inline(__always) func cMath_tanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) func cMath_asin(_ x: Double) -> Double { asin(x) }
@inline(__always) func cMath_acos(_ x: Double) -> Double { acos(x) }
@inline(__always) func cMath_atan(_ x: Double) -> Double { atan(x) }
