import DoseCore

/// One limited quantity's doses over a calendar year, drawn as inline SVG: a bar per month, the cumulative
/// year-to-date line, and the investigation level and annual limit as horizontal lines. Built from numbers only;
/// colours come from the stylesheet through classes (the CSP allows no inline style).
struct DoseChart {
    /// Dose per calendar month, January first, in µSv.
    var monthly: [Int64]
    var limit: Dose?
    var investigationLevel: Dose?
    /// Short name, e.g. `Effective dose, Hp(10)`.
    var label: String
    var year: Int
    /// The last month the year-to-date line reaches: the current month in the current year (the line does not
    /// run on into months that have not happened), December otherwise.
    var lastMonth = 12

    static let width = 640
    static let height = 260
    static let left = 52
    static let right = 16
    static let top = 16
    static let bottom = 30
    static let monthInitials = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"]

    /// Year to date at the end of each month.
    var yearToDate: [Int64] {
        var running: Int64 = 0
        return monthly.map {
            running += $0
            return running
        }
    }

    /// The top of the scale in µSv: a round number above the year's total and the investigation level, so the
    /// level is always in view; the annual limit only when it fits (it is stated in the description regardless).
    var scaleTop: Int64 {
        let highest = max(yearToDate.last ?? 0, monthly.max() ?? 0, investigationLevel?.microsieverts ?? 0, 1_000)
        return Self.niceCeiling(highest + highest / 10)
    }

    /// The smallest 1, 2 or 5 × 10ⁿ µSv at or above `value`.
    static func niceCeiling(_ value: Int64) -> Int64 {
        var power: Int64 = 1
        while power * 10 <= value { power *= 10 }
        for step in [1, 2, 5, 10] as [Int64] where step * power >= value { return step * power }
        return 10 * power
    }

    /// A sentence for screen readers and the SVG's description.
    var summary: String {
        var text = "\(label), \(year): \(Dose(microsieverts: yearToDate.last ?? 0).mSvText) mSv so far this year"
        if let limit { text += " of the \(limit.mSvText) mSv annual limit" }
        if let investigationLevel { text += "; investigation level \(investigationLevel.mSvText) mSv" }
        return text + "."
    }

    func svg(id: String) -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let top = scaleTop
        func y(_ value: Int64) -> Int {
            Self.top + plotHeight - Int((Double(min(value, top)) / Double(top) * Double(plotHeight)).rounded())
        }
        let slot = plotWidth / 12
        var parts: [String] = []
        parts.append(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.width) \(Self.height)\" "
                + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">")
        parts.append("<title id=\"\(id)-title\">\(Self.escape(label)), \(year)</title>")
        parts.append("<desc id=\"\(id)-desc\">\(Self.escape(summary))</desc>")
        for tick in 0...4 {
            let value = top * Int64(tick) / 4
            let ty = y(value)
            parts.append(
                "<line class=\"grid\" x1=\"\(Self.left)\" x2=\"\(Self.width - Self.right)\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
            )
            parts.append(
                "<text class=\"axis\" x=\"\(Self.left - 6)\" y=\"\(ty + 4)\" text-anchor=\"end\">"
                    + "\(Dose(microsieverts: value).mSvText)</text>")
        }
        for (index, value) in monthly.enumerated() {
            let x = Self.left + index * slot
            if value > 0 {
                let barTop = y(value)
                parts.append(
                    "<rect class=\"bar\" x=\"\(x + slot / 5)\" y=\"\(barTop)\" width=\"\(slot * 3 / 5)\" "
                        + "height=\"\(max(1, Self.top + plotHeight - barTop))\"/>")
            }
            parts.append(
                "<text class=\"axis\" x=\"\(x + slot / 2)\" y=\"\(Self.height - 10)\" text-anchor=\"middle\">"
                    + "\(Self.monthInitials[index])</text>")
        }
        let points = yearToDate.prefix(max(1, min(lastMonth, 12))).enumerated().map {
            "\(Self.left + $0.offset * slot + slot / 2),\(y($0.element))"
        }
        parts.append("<polyline class=\"ytd\" points=\"\(points.joined(separator: " "))\"/>")
        for (kind, dose, name) in [
            ("level", investigationLevel, "Investigation level"), ("limit", limit, "Annual limit"),
        ] {
            guard let dose, dose.microsieverts <= top else { continue }
            let ly = y(dose.microsieverts)
            parts.append(
                "<line class=\"\(kind)\" x1=\"\(Self.left)\" x2=\"\(Self.width - Self.right)\" y1=\"\(ly)\" y2=\"\(ly)\"/>"
            )
            parts.append(
                "<text class=\"\(kind)-label\" x=\"\(Self.width - Self.right - 4)\" y=\"\(ly - 4)\" text-anchor=\"end\">"
                    + "\(name) \(dose.mSvText) mSv</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
