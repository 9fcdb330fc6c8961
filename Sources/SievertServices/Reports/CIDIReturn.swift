import DoseCore
import Foundation
import Interchange
import SievertStorage

/// The annual return of classified persons' doses to HSE's Central Index of Dose Information (CIDI): one row per
/// record (employment) classified at any time in the year, across the whole service. The one export that carries
/// the NINO in clear, so only the service operator may make it, and every person in it is audited.
public struct CIDIReturns: Sendable {
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// The CSV columns of the return.
    public static let header = [
        "nino", "surname", "forenames", "date_of_birth", "sex", "employer_code", "employer_name", "year",
        "classified_from", "classified_to", "effective_msv", "lens_msv", "skin_msv", "extremity_msv",
    ]

    /// A finished return: the CSV bytes and what they hold.
    public struct Export: Sendable {
        public var csv: [UInt8]
        public var rows: Int
        public var people: Int
        public var year: Int

        /// The return as a CSV document.
        public var document: ReportDocument { .csv(csv, fileName: "cidi-\(year)") }
    }

    /// The return for calendar year `year` (`YYYY`). Writes one `dose.export` event per person in it (purpose
    /// `cidi-return`) and a `cidi.export` event with the row count; a large return raises the export alert.
    public func export(year: String, by caller: Caller) async throws -> Export {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator makes the CIDI return")
        }
        let number = try ReportYear.parse(year)
        guard let window = DosePeriod.calendarYear(number) else {
            throw ServiceError.invalid(field: "year", "is out of range")
        }
        var writer = CSVWriter()
        writer.append(Self.header)
        var rows = 0
        var exported: [PersonRow] = []
        for organisation in try await people.store.organisations(scope: caller.scope) {
            let records = try await OrganisationDoseRecords.load(
                organisation, since: window.begin, people: people, caller: caller)
            for member in records.members {
                var included = false
                for employment in member.employments {
                    let classified = employment.designations.periods.filter {
                        $0.designation == .classified && $0.from <= window.end
                            && ($0.to.map { $0 >= window.begin } ?? true)
                    }
                    guard let first = classified.first, let last = classified.last else { continue }
                    included = true
                    rows += 1
                    let identity = member.person.identity
                    var cells = [
                        identity.nino?.value ?? "", identity.surname, identity.forenames ?? "",
                        identity.dateOfBirth?.iso ?? "", identity.sex?.rawValue ?? "", organisation.code,
                        organisation.name, String(number), max(first.from, window.begin).iso,
                        min(last.to ?? window.end, window.end).iso,
                    ]
                    for quantity in [LimitedQuantity.effective, .lens, .skin, .extremity] {
                        cells.append(
                            records.accumulator.total(
                                countingAgainst: quantity, in: .employment(employment.id), endingIn: window
                            ).mSvText)
                    }
                    writer.append(SpreadsheetSafe.row(cells))
                }
                if included { exported.append(member.row) }
            }
        }
        try await people.audit(caller, "dose.export", people: exported, purpose: "cidi-return")
        let now = clock()
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "cidi.export", subject: nil, organisation: nil, purpose: "cidi-return", at: now,
                outcome: "year=\(number),rows=\(rows),people=\(exported.count)")
        ]
        changes.auditEvents += people.monitor.observeExport(caller, rows: rows, organisation: nil, at: now)
        try await people.apply(changes, caller)
        return Export(csv: writer.bytes, rows: rows, people: exported.count, year: number)
    }
}
