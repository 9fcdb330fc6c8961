/// How long a person's dose records are kept (IRR17 reg 24(3) and ACOP L121; DOMAIN.md): until the person is or
/// would have been 75 years old, and at least 30 years from when the record was made. Only when both have
/// passed may the record be destroyed.
public enum RetentionRule {
    /// The age until which records are kept.
    public static let ageInYears = 75
    /// The years a record is kept after it was made, at least.
    public static let yearsAfterRecord = 30

    /// The first day the records may be destroyed: the later of the 75th birthday and 30 years after the last
    /// record was made. Nil without a date of birth: then nobody can know, and the records are kept.
    public static func firstDayOfDestruction(dateOfBirth: CalendarDate?, lastRecordMade: CalendarDate)
        -> CalendarDate?
    {
        guard let dateOfBirth, let aged = dateOfBirth.adding(years: ageInYears),
            let kept = lastRecordMade.adding(years: yearsAfterRecord)
        else { return nil }
        return max(aged, kept)
    }

    /// Whether the records may be destroyed on `today`.
    public static func mayDestroy(dateOfBirth: CalendarDate?, lastRecordMade: CalendarDate, on today: CalendarDate)
        -> Bool
    {
        firstDayOfDestruction(dateOfBirth: dateOfBirth, lastRecordMade: lastRecordMade).map { $0 <= today } ?? false
    }
}
