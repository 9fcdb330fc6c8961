/// The number of physical lines in `bytes`: a problem may name any of them, or the line after the last when the
/// file ends inside a quoted field.
public func physicalLineCount(_ bytes: [UInt8]) -> Int {
    bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
}

/// The chunk size a streaming parse of `bytes` uses: taken from the input so the fuzzer explores chunk
/// boundaries too, without the file itself losing a byte.
public func chunkSize(for bytes: [UInt8]) -> Int {
    Int(bytes.last ?? 0) % 61 + 1
}
