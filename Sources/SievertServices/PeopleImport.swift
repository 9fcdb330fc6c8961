import DoseCore
import Foundation
import Interchange
import SievertStorage

/// What an import did, or would have done.
public struct PeopleImportReport: Sendable {
    public var records = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Lines with a problem; with any of these and no rejects option, nothing was committed.
    public var problems: [CSVProblem] = []
    /// Problems beyond the reporting cap.
    public var moreProblems = 0
    public var committed = false
}

/// Bulk registration from the people CSV (`sievert import people`).
///
/// The whole file is validated first; with any bad line nothing is committed unless the caller asks to
/// commit the good lines. Re-importing the same file changes nothing: a line matches an existing person
/// by staff number within the organisation, then by NINO blind index, then by the file's record id.
public struct PeopleImport: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// Imports `bytes`; `commitGoodLines` commits the valid lines even when others are bad.
    public func run(
        _ bytes: [UInt8], commitGoodLines: Bool = false, by caller: Caller,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> PeopleImportReport {
        // A record the file updates that someone changes while the file is read and sealed makes the commit fail
        // whole; the import then starts again from the records as they are now (each try is all or nothing).
        let report = try await withFreshRead {
            try await importFile(bytes, commitGoodLines: commitGoodLines, by: caller, progress: progress)
        }
        SievertMetrics.countImport(
            .people, accepted: report.committed ? report.created + report.updated : 0,
            skipped: report.committed ? report.unchanged : 0, rejected: Set(report.problems.map(\.line)).count)
        return report
    }

    private func importFile(
        _ bytes: [UInt8], commitGoodLines: Bool, by caller: Caller, progress: @Sendable (Int, Int) -> Void
    ) async throws -> PeopleImportReport {
        guard caller.role == .rpsAdmin || caller.role == .orgLead else {
            throw ServiceError.forbidden("this role may not import people")
        }
        let now = clock()
        let parsed = PeopleCSV.parse(bytes, today: CalendarDate(now))
        var report = PeopleImportReport()
        report.records = parsed.records.count + Set(parsed.problems.map(\.line)).count
        report.problems = parsed.problems
        report.moreProblems = parsed.truncatedProblemCount

        var plan = ImportPlan()
        let byOrganisation = Dictionary(grouping: parsed.records, by: \.organisationCode)
        var done = 0
        for (code, records) in byOrganisation.sorted(by: { $0.key.value < $1.key.value }) {
            guard let organisation = try await store.organisation(code: code.value, scope: caller.scope) else {
                report.problems += records.map {
                    CSVProblem(
                        line: $0.line, column: "organisation_code",
                        reason: "no organisation \(code.value) is registered")
                }
                continue
            }
            let codec = try await people.codec(for: organisation.id, caller: caller)
            var matcher = try await ImportMatcher(
                store: store, organisation: organisation.id, codec: codec, caller: caller)
            var decisions: [ImportMatcher.Decision] = []
            for record in records {
                decisions.append(try await matcher.resolve(record))
                done += 1
                if done % 1000 == 0 { progress(done, parsed.records.count) }
            }
            let sealing = ImportSealing(organisation: organisation.id, codec: codec, now: now)
            for (record, outcome) in zip(records, try await sealing.outcomes(decisions)) {
                switch outcome {
                case .problem(let problem): report.problems.append(problem)
                case .create(let row, let key, let employment): plan.create(row, key, employment, record: record)
                case .update(let row, let employments, let read):
                    plan.update(row, employments, read: read, record: record)
                case .unchanged: report.unchanged += 1
                }
            }
        }
        progress(parsed.records.count, parsed.records.count)
        report.problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
        let badLines = Set(report.problems.map(\.line))
        plan.drop(lines: badLines)
        report.created = plan.changes.newPeople.count
        report.updated = plan.changes.personUpdates.count
        guard badLines.isEmpty || commitGoodLines else { return report }

        plan.changes.auditEvents = plan.subjects.map { subject in
            AuditTrail.event(
                caller, subject.action, subject: subject.person.description, organisation: subject.organisation,
                purpose: "bulk-registration", at: now)
        }
        plan.changes.auditEvents.append(
            AuditTrail.event(
                caller, "people.import", subject: nil, organisation: nil, purpose: "bulk-registration",
                at: now, outcome: "created=\(report.created),updated=\(report.updated),rejected=\(badLines.count)"))
        try await people.apply(plan.changes, caller)
        report.committed = true
        return report
    }
}

/// The change set an import is building, with the file line each change came from.
struct ImportPlan {
    var changes = ChangeSet()
    var subjects: [(action: String, person: PersonID, organisation: OrganisationID, line: Int)] = []
    private var peopleLines: [Int] = []
    private var updateLines: [Int] = []
    private var employmentLines: [Int] = []
    private var employmentUpdateLines: [Int] = []

    mutating func create(_ row: PersonRow, _ key: WrappedKeyRow, _ employment: EmploymentRow, record: PeopleCSVRecord) {
        changes.newPeople.append((row, key))
        peopleLines.append(record.line)
        changes.newEmployments.append(employment)
        employmentLines.append(record.line)
        subjects.append(("person.import-create", row.id, row.organisationID, record.line))
    }

    mutating func update(_ row: PersonRow, _ employments: [EmploymentRow], read: PersonRecord, record: PeopleCSVRecord)
    {
        changes.personUpdates.append(row)
        changes.readRecords.append(read)
        updateLines.append(record.line)
        changes.employmentUpdates += employments
        employmentUpdateLines += Array(repeating: record.line, count: employments.count)
        subjects.append(("person.import-update", row.id, row.organisationID, record.line))
    }

    /// Removes every change that came from a bad line (a line can turn bad after it was planned,
    /// when a later line duplicates it).
    mutating func drop(lines: Set<Int>) {
        guard !lines.isEmpty else { return }
        changes.newPeople = zip(changes.newPeople, peopleLines).filter { !lines.contains($0.1) }.map(\.0)
        peopleLines = peopleLines.filter { !lines.contains($0) }
        changes.personUpdates = zip(changes.personUpdates, updateLines).filter { !lines.contains($0.1) }.map(\.0)
        changes.readRecords = zip(changes.readRecords, updateLines).filter { !lines.contains($0.1) }.map(\.0)
        updateLines = updateLines.filter { !lines.contains($0) }
        changes.newEmployments = zip(changes.newEmployments, employmentLines).filter { !lines.contains($0.1) }.map(\.0)
        employmentLines = employmentLines.filter { !lines.contains($0) }
        changes.employmentUpdates = zip(changes.employmentUpdates, employmentUpdateLines)
            .filter { !lines.contains($0.1) }.map(\.0)
        employmentUpdateLines = employmentUpdateLines.filter { !lines.contains($0) }
        subjects = subjects.filter { !lines.contains($0.line) }
    }
}
