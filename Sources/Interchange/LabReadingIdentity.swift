import DoseCore

/// The identity columns a lab export may carry (Landauer `Participant Name` and `DOB`).
///
/// They are returned only so the caller can CHECK them against the employment the serial was issued
/// for, and refuse the file when they disagree. They must never be stored, logged or copied into the
/// dose of record: the lab boundary carries serials and participant codes, not identities.
public struct LabReadingIdentity: Hashable, Sendable {
    /// The participant's name as the lab wrote it, e.g. `Example, Alice`.
    public var name: String?
    /// The participant's date of birth, read in the date format stated for the file.
    public var dateOfBirth: CalendarDate?

    /// Creates an identity to check.
    public init(name: String?, dateOfBirth: CalendarDate?) {
        self.name = name
        self.dateOfBirth = dateOfBirth
    }
}
