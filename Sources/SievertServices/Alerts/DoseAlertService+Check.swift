import DoseCore
import Foundation
import SievertStorage
import Vault

extension DoseAlertService {
    /// Runs the limit check for `personIDs` over the calendar years `years` and raises an alert for every finding
    /// not raised before, in one change set per group with its audit events and notices. Returns the alerts raised.
    ///
    /// IRR17 limits what a person receives from every employer, so a person's records at other organisations
    /// (the same NINO: blind index, confirmed by decryption) are read too, each read audited, and those records
    /// are checked as well, so every employer is told. The check is the service's own and runs in its scope.
    @discardableResult
    func check(
        _ personIDs: Set<PersonID>, years: Set<Int>, requestID: String, known: KnownRecords = KnownRecords(),
        groupSize: Int = groupSize
    ) async throws -> [AlertView] {
        guard !personIDs.isEmpty, !years.isEmpty else { return [] }
        // A lab file can touch tens of thousands of wearers: they are checked a group at a time, each group in a
        // few queries, so what is held (records, entries) is bounded by the group, not by the file. Reading and
        // opening a group is most of the work and only reads, so the next groups are read on the other cores
        // while one is decided and written; deciding and writing stay in order, one group at a time.
        let sorted = personIDs.sorted { $0.description < $1.description }
        let size = max(1, groupSize)
        let groups = stride(from: 0, to: sorted.count, by: size).map {
            Set(sorted[$0..<min($0 + size, sorted.count)])
        }
        let caller = Caller(actor: Self.actor, role: .rpsAdmin, organisations: .all, requestID: requestID)
        let ahead = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var reads: [Task<ReadGroup, any Error>?] = Array(repeating: nil, count: groups.count)
        defer { for read in reads { read?.cancel() } }
        var launched = 0
        var decider = Decider(service: self, caller: caller, years: years)
        var raised: [AlertView] = []
        for index in groups.indices {
            while launched < groups.count && launched <= index + ahead {
                let group = groups[launched]
                reads[launched] = Task { try await read(group, years: years, known: known, caller: caller) }
                launched += 1
            }
            guard let read = reads[index] else { continue }
            // The handle goes first, so a read group is freed as soon as it is decided.
            reads[index] = nil
            raised += try await decider.decide(try await read.value)
        }
        return raised
    }

    /// What a use case that changed doses already holds in clear, so the check does not decrypt it again: the
    /// people it opened, reused while their stored record is byte for byte the one opened (a change made since is
    /// opened afresh), and the entries it wrote, by person, matched to stored rows by id (entries are never
    /// edited). When `written` marks the write that stored `entries`, and they are all of that write's entries,
    /// those are not read back at all.
    struct KnownRecords: Sendable {
        var people: [PersonID: PeopleService.Loaded] = [:]
        var entries: [PersonID: [DoseEntry]] = [:]
        var written: WriteMark?
    }

    /// How many people one round of the limit check reads at once, unless told otherwise.
    static let groupSize = 2_000

    /// A group of people read and opened for the check: each record with the same person's records elsewhere,
    /// the entries the checked years can see and the alerts already raised.
    struct ReadGroup: Sendable {
        struct Subject: Sendable {
            var loaded: PeopleService.Loaded
            var linked: [PeopleService.Loaded]
            var accumulator: DoseAccumulator
            /// Fingerprints of the alerts stored for this record.
            var known: Set<String>
        }
        var subjects: [Subject] = []
    }

    /// Reads and opens `personIDs` with their other records, entries and alerts: the store's reads and the
    /// decryption, nothing written.
    private func read(_ personIDs: Set<PersonID>, years: Set<Int>, known: KnownRecords, caller: Caller) async throws
        -> ReadGroup
    {
        let records = try await CrossEmployerRecords.load(
            personIDs, people: people, store: store, caller: caller, known: known.people)
        // Entries that end outside what the checked years count (the year, a special authorisation's five
        // years, a pregnancy's budget) are neither read nor opened: a long record has decades of them.
        var counted: [PersonID: ClosedRange<CalendarDate>] = [:]
        for personID in records.checked {
            guard let loaded = records.loaded[personID] else { continue }
            let linked = records.linked[personID] ?? []
            let spans = years.compactMap { year in
                LimitCheck().countedPeriodEnds(
                    for: DoseAlertService.subject(loaded, linked: linked, year: year, levels: .commonLocal), year: year)
            }
            counted[personID] = Self.hull(spans)
        }
        let rows = try await records.entries(
            store: store, endingIn: Self.hull(Array(counted.values)), excluding: known.written, caller: caller)
        let alerts = Dictionary(
            grouping: try await store.doseAlerts(ofPeople: records.checked, scope: caller.scope), by: \.personID)
        var group = ReadGroup()
        for personID in records.checked {
            try Task.checkCancellation()
            guard let loaded = records.loaded[personID] else { continue }
            group.subjects.append(
                ReadGroup.Subject(
                    loaded: loaded, linked: records.linked[personID] ?? [],
                    accumulator: DoseAccumulator(
                        entries: try records.entries(
                            of: personID, in: rows, counted: counted[personID], known: known.entries)),
                    known: Set((alerts[personID] ?? []).map(\.fingerprint))))
        }
        return group
    }

    /// The smallest span holding every one of `spans`; nil for none.
    static func hull(_ spans: [ClosedRange<CalendarDate>]) -> ClosedRange<CalendarDate>? {
        guard let earliest = spans.map(\.lowerBound).min(), let latest = spans.map(\.upperBound).max() else {
            return nil
        }
        return earliest...latest
    }

    /// Decides the findings of read groups in order and writes each group's alerts, audit events and notices.
    /// Groups are read ahead, before earlier groups' alerts are written: the alerts this check raised are
    /// remembered, so a record read in two groups (the same person's record at another employer) is alerted once.
    struct Decider {
        let service: DoseAlertService
        let caller: Caller
        let years: Set<Int>
        var leads: [OrganisationID: (code: String, email: String?, levels: InvestigationLevels)] = [:]
        var raisedHere: [PersonID: Set<String>] = [:]

        init(service: DoseAlertService, caller: Caller, years: Set<Int>) {
            self.service = service
            self.caller = caller
            self.years = years
        }

        mutating func decide(_ group: ReadGroup) async throws -> [AlertView] {
            let now = service.clock()
            var changes = ChangeSet()
            var raised: [AlertView] = []
            for subject in group.subjects {
                let loaded = subject.loaded
                let personID = loaded.person.id
                let organisationID = loaded.person.organisationID
                guard let lead = try await lead(of: organisationID) else { continue }
                for other in subject.linked {
                    changes.auditEvents.append(
                        AuditTrail.event(
                            caller, "dose.read", subject: other.person.id.description,
                            organisation: other.person.organisationID, purpose: "limit-check", at: now,
                            outcome: "for=\(personID)"))
                }
                let sealer = Sealer(keyset: loaded.codec.organisationKeys)
                for year in years.sorted() {
                    let limits = DoseAlertService.subject(
                        loaded, linked: subject.linked, year: year, levels: lead.levels)
                    for finding in LimitCheck().findings(for: limits, year: year, in: subject.accumulator) {
                        let fingerprint = DoseAlertService.fingerprint(finding)
                        guard !subject.known.contains(fingerprint),
                            raisedHere[personID, default: []].insert(fingerprint).inserted
                        else { continue }
                        let alert: Alert
                        do {
                            alert = try Alert(
                                id: .generate(now: now), personID: personID, finding: finding,
                                raisedBy: DoseAlertService.actor, at: now)
                        } catch {
                            throw ServiceError.invalid([error])
                        }
                        changes.newAlerts.append(
                            DoseAlertRow(
                                id: alert.id, organisationID: organisationID, personID: personID,
                                fingerprint: fingerprint, state: alert.state.rawValue,
                                sealedAlert: try DoseAlertService.seal(
                                    alert, organisation: organisationID, sealer: sealer),
                                raisedAt: now, updatedAt: now))
                        changes.auditEvents.append(
                            AuditTrail.event(
                                caller, "alert.raise", subject: personID.description, organisation: organisationID,
                                purpose: "dose-limits", at: now,
                                outcome: "alert=\(alert.id),kind=\(finding.kind.rawValue)"))
                        if let notice = AlertNotice.message(
                            for: alert, organisationCode: lead.code, to: lead.email, from: service.mailFrom)
                        {
                            changes.newMail.append(
                                try MailOutbox.row(notice, organisation: organisationID, sealer: sealer, at: now))
                        }
                        raised.append(AlertView(alert, organisation: lead.code))
                    }
                }
            }
            guard !changes.newAlerts.isEmpty || !changes.auditEvents.isEmpty else { return [] }
            try await service.people.apply(changes, caller)
            for alert in raised { SievertMetrics.countDoseAlert(alert.kind) }
            return raised
        }

        /// The organisation's code, lead's address and investigation levels, read once per check.
        private mutating func lead(of organisationID: OrganisationID) async throws
            -> (code: String, email: String?, levels: InvestigationLevels)?
        {
            if let lead = leads[organisationID] { return lead }
            guard let row = try await service.store.organisation(id: organisationID, scope: caller.scope) else {
                return nil
            }
            let organisation = try await service.organisations.open(row, caller: caller)
            let lead = (
                row.code, organisation.leadContact?.email,
                try await service.levels(of: organisationID, caller: caller)
            )
            leads[organisationID] = lead
            return lead
        }
    }
}
