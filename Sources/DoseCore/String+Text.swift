// Small text helpers shared by the normalisers. ASCII is answered directly because Unicode property
// lookups dominate the cost of importing large files.
extension Unicode.Scalar {
    /// Whether the scalar has the Unicode White_Space property.
    var isWhitespace: Bool {
        if value < 0x80 {
            return value == 0x20 || (0x09...0x0D).contains(value)
        }
        return properties.isWhitespace
    }

    /// Whether the scalar is a control, format, separator, surrogate, private-use or unassigned code point:
    /// nothing a person meant to type in a name or address.
    var isInvisibleOrControl: Bool {
        if value < 0x80 {
            return value < 0x20 || value == 0x7F
        }
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            return true
        default:
            return false
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Runs of whitespace replaced by one space, ends trimmed.
    func collapsingWhitespace() -> String {
        if isCollapsedASCII {
            return self
        }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether any scalar is a control or invisible character (C0, C1, DEL, bidi overrides…).
    var containsControlCharacters: Bool {
        var ascii = true
        for byte in utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte < 0x20 || byte == 0x7F {
                return true
            }
        }
        return ascii ? false : unicodeScalars.contains(where: \.isInvisibleOrControl)
    }

    // ASCII text with single inner spaces and nothing to trim: the common case, answered without
    // building a new string.
    private var isCollapsedASCII: Bool {
        var previousWasSpace = true
        for byte in utf8 {
            if byte >= 0x80 || (0x09...0x0D).contains(byte) {
                return false
            }
            let isSpace = byte == 0x20
            if isSpace && previousWasSpace {
                return false
            }
            previousWasSpace = isSpace
        }
        return !previousWasSpace || isEmpty
    }
}
