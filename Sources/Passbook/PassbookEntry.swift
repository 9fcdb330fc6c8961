import DoseCore
import Foundation

/// One line of a passbook: the doses an approved dosimetry service recorded for the holder with one employer over
/// one period, the year-to-date totals after it, and the holder's designation at the time.
public struct PassbookEntry: Sendable, Hashable {
    /// When the service wrote the entry, to the whole second.
    public let issuedAt: Date
    /// The issuing service's name, with the rules of a name (``PassbookHolder/surname``).
    public let service: String
    /// The employer the dose was received with.
    public let employer: OrganisationCode
    /// The period the doses cover.
    public let period: DosePeriod
    /// Where the doses came from: measured, estimated, notional, a special entry or an accident.
    public let kind: DoseEntryKind
    /// The doses for the period, each at most ``Dose/maximumReading``.
    public let doses: PassbookDoses
    /// The calendar-year totals with this entry included, each at most ``maximumTotal``.
    public let yearToDate: PassbookDoses
    /// The holder's designation (classified or not) by the employer at the end of the period.
    public let designation: Designation

    /// The largest year-to-date total an entry may state: 1,000 Sv, so sums stay exact far from overflow.
    public static let maximumTotal = Dose(microsieverts: 1_000_000_000)

    /// An entry; ``ValidationError`` names the field when a dose is negative or too large, a period within one
    /// calendar year has a dose but no year-to-date total at least as large, the service name breaks its rule,
    /// or the time lies outside 1850–2200. `issuedAt` is rounded down to the whole second.
    public init(
        issuedAt: Date, service: String, employer: OrganisationCode, period: DosePeriod, kind: DoseEntryKind,
        doses: PassbookDoses, yearToDate: PassbookDoses, designation: Designation
    ) throws(ValidationError) {
        guard let seconds = PassbookTime.seconds(issuedAt) else {
            throw ValidationError(field: "issuedAt", reason: "must lie between 1850 and 2200")
        }
        try PassbookText.check(service, field: "service")
        for (key, dose) in zip(PassbookDoses.keys, doses.all) {
            if let dose, !(Dose.zero...Dose.maximumReading).contains(dose) {
                throw ValidationError(field: key, reason: "a dose must be between 0 and 10000 mSv")
            }
        }
        for (key, dose) in zip(PassbookDoses.keys, yearToDate.all) {
            if let dose, !(Dose.zero...Self.maximumTotal).contains(dose) {
                throw ValidationError(field: "ytd-\(key)", reason: "a total must be between 0 and 1000000 mSv")
            }
        }
        // Within one calendar year the total includes this period's dose; a period across a new year carries
        // the new year's total, which may be smaller.
        if period.begin.year == period.end.year {
            for (key, (dose, total)) in zip(PassbookDoses.keys, zip(doses.all, yearToDate.all)) {
                if let dose, (total.map { $0 < dose } ?? true) {
                    throw ValidationError(field: "ytd-\(key)", reason: "the year-to-date total must include the period")
                }
            }
        }
        self.issuedAt = PassbookTime.date(seconds)
        self.service = service
        self.employer = employer
        self.period = period
        self.kind = kind
        self.doses = doses
        self.yearToDate = yearToDate
        self.designation = designation
    }
}
