/// A reason a QR code could not be built.
public enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The UTF-8 form of the text has `byteCount` bytes, but a version 40 symbol at the requested
    /// error-correction level holds at most `maximumByteCount`.
    case tooLong(byteCount: Int, maximumByteCount: Int)

    /// A human-readable explanation of the error.
    public var description: String {
        switch self {
        case let .tooLong(byteCount, maximumByteCount):
            "Text is too long for a QR code: \(byteCount) UTF-8 bytes, "
                + "at most \(maximumByteCount) fit at this error-correction level."
        }
    }
}
