// Cell helpers shared by the CSV decoders.
enum CellText {
    /// `text` without leading and trailing whitespace. Most cells have nothing to trim, and answering ASCII
    /// directly keeps large files fast.
    static func trimmed(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x80 ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex {
            return text
        }
        return String(scalars[first...last])
    }

    /// Whether `text` is 1 to `maximumLength` printable ASCII characters: what serials, participant codes
    /// and type codes are made of, so nothing invisible or look-alike can make two codes seem equal.
    static func isCode(_ text: String, maximumLength: Int) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumLength && text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// `text` cut to a length that can be quoted in a problem without repeating a hostile cell.
    static func excerpt(_ text: String, limit: Int = 40) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
