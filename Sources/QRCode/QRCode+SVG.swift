extension QRCode {
    /// The symbol as a standalone SVG document: a white background including the quiet zone and one black path.
    ///
    /// The markup uses presentation attributes only (no `style` attribute or element), so it can be inlined
    /// under a strict Content-Security-Policy. `title` is XML-escaped and labels the image for assistive
    /// technology.
    ///
    /// - Parameters:
    ///   - moduleSize: Rendered width and height of one module in pixels; values below 1 are treated as 1.
    ///   - quietZone: Light margin around the symbol in modules; the standard asks for 4. Negative values count as 0.
    ///   - title: Accessible name of the image.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String) -> String {
        let margin = max(0, quietZone)
        let extent = size + 2 * margin
        let pixels = extent * max(1, moduleSize)
        // Derived from the modules so that several codes on one page get distinct ids, yet output stays
        // deterministic.
        let titleID = "qr-title-\(fingerprint)"
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(extent) \(extent)\""
            + " width=\"\(pixels)\" height=\"\(pixels)\" role=\"img\" aria-labelledby=\"\(titleID)\">"
            + "<title id=\"\(titleID)\">\(Self.escapeXML(title))</title>"
            + "<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"
            + "<path d=\"\(pathData(margin: margin))\" fill=\"#000\" shape-rendering=\"crispEdges\"/>"
            + "</svg>"
    }

    /// Path data drawing each horizontal run of dark modules as one closed rectangle.
    func pathData(margin: Int) -> String {
        var commands: [String] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && isDark(x: x, y: y) {
                    x += 1
                }
                let length = x - start
                commands.append("M\(start + margin) \(y + margin)h\(length)v1h-\(length)z")
            }
        }
        return commands.joined()
    }

    /// A 64-bit FNV-1a hash of the module pattern, as 16 hexadecimal digits.
    var fingerprint: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for y in 0..<size {
            for x in 0..<size {
                hash ^= isDark(x: x, y: y) ? 1 : 0
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// `text` with the five XML special characters replaced by entities.
    static func escapeXML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
