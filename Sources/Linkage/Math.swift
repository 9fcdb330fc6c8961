#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's logarithm and exponential, imported in this one file so the rest of the library needs no
/// platform conditionals and no Foundation.
enum Math {
    static func log2(_ x: Double) -> Double { cLog2(x) }
    static func log(_ x: Double) -> Double { cLog(x) }
    static func exp(_ x: Double) -> Double { cExp(x) }
    static func exp2(_ x: Double) -> Double { cExp2(x) }
}

private func cLog2(_ x: Double) -> Double { log2(x) }
private func cLog(_ x: Double) -> Double { log(x) }
private func cExp(_ x: Double) -> Double { exp(x) }
private func cExp2(_ x: Double) -> Double { exp2(x) }
