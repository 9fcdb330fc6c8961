import DoseCore

/// One dose cell of a lab reading: what the lab said about one quantity.
public enum LabDoseCell: Hashable, Sendable {
    /// An exact dose.
    case dose(Dose)
    /// `M`: the dosemeter was read but the dose was below the lab's minimum reporting level. This is not
    /// zero, and not the same as a blank: the lab measured and found too little to state.
    case belowReportingLevel
    /// Nothing: the lab did not report this quantity.
    case blank

    /// The text a reading file holds for the cell: the dose in mSv, `M`, or nothing.
    public var text: String {
        switch self {
        case .dose(let dose): dose.mSvText
        case .belowReportingLevel: "M"
        case .blank: ""
        }
    }

    /// Whether the lab reported anything, a dose or `M`.
    public var isReported: Bool { self != .blank }

    /// Reads one trimmed cell: blank, `M` (in either case), or a dose in mSv with at most three decimal
    /// places, from 0 to 10,000 mSv.
    init(cell text: String) throws(ValidationError) {
        if text.isEmpty {
            self = .blank
        } else if text == "M" || text == "m" {
            self = .belowReportingLevel
        } else if text.hasPrefix("-") {
            // Dose(mSv:) would call this "not a number"; a signed value deserves a plainer reason.
            throw ValidationError(field: "dose", reason: "a dose cannot be negative (found \(text.prefix(32)))")
        } else {
            do {
                self = .dose(try Dose(mSv: text))
            } catch {
                throw ValidationError(
                    field: "dose", reason: "\(error.reason), or M for below the reporting level, or blank")
            }
        }
    }
}
