/// Writes RFC 4180 CSV: fields quoted only when they need it, rows ended with CRLF.
public struct CSVWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty writer.
    public init() {}

    /// Appends one row.
    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 {
                bytes.append(UInt8(ascii: ","))
            }
            // A lone empty field would be a blank line, which readers skip, so it is quoted.
            Self.write(field, forceQuotes: fields.count == 1 && field.isEmpty, into: &bytes)
        }
        bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    /// The CSV text of `rows`.
    public static func encode(_ rows: some Sequence<[String]>) -> [UInt8] {
        var writer = CSVWriter()
        for row in rows {
            writer.append(row)
        }
        return writer.bytes
    }

    /// One field as it appears in a file: quoted, with quotes doubled, when it contains a comma, quote,
    /// CR or LF, or starts or ends with a space or tab.
    public static func escape(_ field: String) -> String {
        var bytes: [UInt8] = []
        write(field, forceQuotes: false, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func write(_ field: String, forceQuotes: Bool, into bytes: inout [UInt8]) {
        let utf8 = field.utf8
        if forceQuotes || needsQuotes(utf8) {
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") {
                    bytes.append(byte)
                }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    private static func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if isPadding(first) || isPadding(last) {
            return true
        }
        // Leading a file, an unquoted U+FEFF would read back as a byte order mark and be dropped.
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) {
            return true
        }
        return utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\n")
        }
    }

    private static func isPadding(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
