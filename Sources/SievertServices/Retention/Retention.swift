import DoseCore
import Foundation
import SievertStorage

/// The end of retention (DOMAIN.md; ``RetentionRule``): finds people whose records may be destroyed, and — only
/// when asked to apply — shreds them by deleting their data keys, which makes every value sealed under them
/// unreadable in the database, its WAL and every later backup alike. Ids, dates in clear and the audit ledger stay,
/// so the ledger still verifies: its events name ids, never personal values.
///
/// A dry run is the default everywhere: the scheduled job and `sievert retention` report what is due and change
/// nothing unless told to apply. Reading each record's date of birth is a personal read, audited with purpose
/// `retention`; each shredding is audited too.
public struct Retention: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// What one run found and did. Ids and counts only: nothing personal.
    public struct Report: Sendable, Hashable, Codable {
        /// The day the rule was applied for.
        public var asOf: CalendarDate
        /// Whether due records were shredded (false: a dry run).
        public var applied: Bool
        /// People examined (canary records are not people and are left alone).
        public var examined: Int
        /// People kept because their date of birth is unknown, so the end of retention cannot be known.
        public var withoutDateOfBirth: Int
        /// People whose records may be destroyed, by organisation code then person id.
        public var due: [Due]
        /// People shredded by this run.
        public var shredded: Int
    }

    /// One person whose retention has ended.
    public struct Due: Sendable, Hashable, Codable {
        public var organisation: String
        public var person: PersonID
    }

    /// Applies the rule to everyone in the caller's scope as of today; shreds the due records when `apply`.
    public func run(apply: Bool, by caller: Caller) async throws -> Report {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service runs the retention job")
        }
        let today = CalendarDate(clock())
        var report = Report(asOf: today, applied: apply, examined: 0, withoutDateOfBirth: 0, due: [], shredded: 0)
        for organisation in try await store.organisations(scope: caller.scope) {
            let codec = try await people.codec(for: organisation.id, caller: caller)
            try await store.forEachPeoplePage(of: organisation.id, includeCanaries: false, scope: caller.scope) {
                page in
                var due: [PersonRow] = []
                for record in page {
                    let person = try codec.openPerson(record.person, with: try codec.dataKey(record))
                    report.examined += 1
                    guard let born = person.identity.dateOfBirth else {
                        report.withoutDateOfBirth += 1
                        continue
                    }
                    // The person's own record first; the dose entries only when that alone is old enough.
                    let created = CalendarDate(person.createdAt)
                    guard RetentionRule.mayDestroy(dateOfBirth: born, lastRecordMade: created, on: today) else {
                        continue
                    }
                    let entries = try await store.doseEntries(of: record.person.id, scope: caller.scope)
                    let lastMade = entries.map { CalendarDate($0.recordedAt) }.max().map { max($0, created) } ?? created
                    if RetentionRule.mayDestroy(dateOfBirth: born, lastRecordMade: lastMade, on: today) {
                        due.append(record.person)
                    }
                }
                report.due += due.map { Due(organisation: organisation.code, person: $0.id) }
                var changes = ChangeSet()
                let now = clock()
                changes.auditEvents = page.map {
                    AuditTrail.event(
                        caller, "person.read", subject: $0.person.id.description, organisation: organisation.id,
                        purpose: "retention", at: now)
                }
                if apply {
                    changes.keyMaintenance.shreddedPeople = due.map { ($0.id, $0.organisationID) }
                    changes.auditEvents += due.map {
                        AuditTrail.event(
                            caller, "retention.shred", subject: $0.id.description, organisation: organisation.id,
                            purpose: "retention", at: now)
                    }
                    report.shredded += due.count
                }
                try await store.apply(changes, scope: caller.scope)
            }
        }
        return report
    }
}
