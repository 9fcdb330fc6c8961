/// Stops the run when an invariant of a parser does not hold, so libFuzzer saves the input as a crash.
///
/// A plain `precondition` would be compiled out of an optimised build; this never is.
public func invariant(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() {
        fatalError("invariant broken: \(message())", file: file, line: line)
    }
}

/// The fuzzer's input as an array.
public func fuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// `bytes` cut into chunks of `size` bytes (the last one shorter), to feed a streaming parser as a file that
/// arrives in pieces.
public func chunks(of bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
    let size = max(1, size)
    return stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
}
