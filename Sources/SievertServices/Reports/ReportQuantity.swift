import DoseCore

/// The quantities a report shows, in the order dose reports print them, with their labels.
enum ReportQuantity {
    /// Whole body, skin, extremity, lens: the order of the columns of every report.
    static let order: [LimitedQuantity] = [.effective, .skin, .extremity, .lens]

    /// The operational quantity measured for `quantity`.
    static func operational(_ quantity: LimitedQuantity) -> String {
        switch quantity {
        case .effective: "Hp(10)"
        case .skin, .extremity: "Hp(0.07)"
        case .lens: "Hp(3)"
        }
    }

    /// A heading such as `Hp(10) effective`.
    static func label(_ quantity: LimitedQuantity) -> String {
        "\(operational(quantity)) \(quantity.rawValue)"
    }

    /// The sum of the amounts of `entries`.
    static func sum(_ entries: some Sequence<DoseEntry>) -> Dose {
        Dose(microsieverts: entries.reduce(0) { $0 + $1.amount.microsieverts })
    }
}

/// Parsing the year a report is asked for.
enum ReportYear {
    /// `text` as a calendar year with `back` earlier years also in 1850–2200; an error names `field`.
    static func parse(_ text: String, back: Int = 0, field: String = "year") throws -> Int {
        guard text.utf8.count == 4, text.utf8.allSatisfy({ (48...57).contains($0) }), let year = Int(text),
            DosePeriod.calendarYears(from: year - back, count: back + 1) != nil
        else {
            throw ServiceError.invalid(
                field: field,
                "must be a year as YYYY from \(CalendarDate.minimumYear + back) to \(CalendarDate.maximumYear)")
        }
        return year
    }
}

extension Designation {
    /// The designation as reports print it.
    var reportText: String { rawValue }
}
