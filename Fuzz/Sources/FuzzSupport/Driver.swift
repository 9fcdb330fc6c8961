import CLibFuzzer

/// Runs libFuzzer over `body` with the process's command line (`-max_total_time=…`, corpus directories…).
///
/// Each target's entry point is `@_cdecl("<module>_main")`, the symbol SwiftPM links as `main` for an executable
/// target, and calls this; `body` is also exported as `LLVMFuzzerTestOneInput`, so the target links with
/// libFuzzer's own `main` too when built without SwiftPM.
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv, body)
}
