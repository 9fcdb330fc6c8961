import DoseCore
import Foundation
import Interchange
import Linkage
import SievertStorage

/// One person record a scope found, with the fields readable to the attacker.
struct FoundRecord {
    var organisation: OrganisationID
    var fields: Set<PersonalField>
}

extension IncidentService {
    /// Finds the people an incident affects by one of the four ways of ``BreachScope`` and records them with their
    /// readable fields. Scopes add up: a record found twice keeps the union of its fields and of the ways it was
    /// found. A new record needs planning again before letters go.
    public func scope(_ id: IncidentID, by scope: BreachScope, caller: Caller) async throws -> ScopeOutcome {
        try requireAdministrator(caller)
        let incident = try await load(id)
        guard incident.status != .closed else { throw ServiceError.conflict("the incident is closed") }
        var unmatched = 0
        let found: [PersonID: FoundRecord]
        switch scope {
        case .storeWindow(let from, let to, let keysCompromised):
            guard from <= to else { throw ServiceError.invalid(field: "to", "must not be before from") }
            found = try await heldRecords(caller: caller, keysCompromised: keysCompromised) { record in
                record.person.createdAt <= to
            }
        case .principals(let actors, let from, let to):
            guard !actors.isEmpty else { throw ServiceError.invalid(field: "principals", "name at least one") }
            guard from <= to else { throw ServiceError.invalid(field: "to", "must not be before from") }
            found = try await readBy(Set(actors), from: from, to: to, caller: caller)
        case .peopleFile(_, let bytes):
            (found, unmatched) = try await matchPeopleFile(bytes, caller: caller)
        case .labFile(_, let bytes, let dateFormat):
            (found, unmatched) = try await matchLabFile(bytes, dateFormat: dateFormat, caller: caller)
        case .organisationKey(let code, let version):
            let organisation = try await organisations.find(code: code, caller: caller)
            let versions = try await store.organisationKeys(of: organisation.id, scope: caller.scope).map(\.version)
            guard versions.contains(version) else {
                throw ServiceError.invalid(field: "version", "\(code) has no key version \(version)")
            }
            found = try await heldRecords(in: [organisation.id], caller: caller, keysCompromised: true) { record in
                record.key.wrappingVersion == version
            }
        case .rootKey(let version):
            var wrapped: [OrganisationID] = []
            for organisation in try await store.organisations(scope: caller.scope) {
                let keys = try await store.organisationKeys(of: organisation.id, scope: caller.scope)
                if keys.contains(where: { $0.wrappingVersion == version }) { wrapped.append(organisation.id) }
            }
            found = try await heldRecords(in: wrapped, caller: caller, keysCompromised: true) { _ in true }
        }
        return try await record(found, unmatched: unmatched, by: scope, on: incident, caller: caller)
    }

    private func record(
        _ found: [PersonID: FoundRecord], unmatched: Int, by scope: BreachScope, on incident: Incident, caller: Caller
    ) async throws -> ScopeOutcome {
        let id = incident.id
        let existing = Dictionary(
            uniqueKeysWithValues: try await store.incidentPeople(of: id, scope: caller.scope).map { ($0.personID, $0) })
        let now = clock()
        var changes = ChangeSet()
        for (person, record) in found.sorted(by: { $0.key < $1.key }) {
            if var row = existing[person] {
                let fields = try PersonalField.set(parsing: row.exposed).union(record.fields)
                let exposed = PersonalField.text(fields)
                let ways = Set(row.foundBy.split(separator: ",").map(String.init)).union([scope.kind])
                    .sorted().joined(separator: ",")
                guard exposed != row.exposed || ways != row.foundBy else { continue }
                row.exposed = exposed
                row.foundBy = ways
                row.updatedAt = now
                changes.incidentPeople.append(row)
            } else {
                changes.incidentPeople.append(
                    IncidentPersonRow(
                        incidentID: id, personID: person, organisationID: record.organisation,
                        exposed: PersonalField.text(record.fields), foundBy: scope.kind, updatedAt: now))
            }
        }
        let total = Set(existing.keys).union(found.keys).count
        let outcome = ScopeOutcome(
            records: found.count, readable: found.values.filter { !$0.fields.isEmpty }.count, unmatchedRows: unmatched,
            totalRecords: total)
        _ = try await append(
            .scoped,
            text: "Scoped by \(scope.summary): \(outcome.records) record(s), \(outcome.readable) with readable fields, "
                + "\(unmatched) unmatched file row(s); \(total) record(s) affected in all.",
            to: incident, caller: caller, action: "incident.scope", extra: changes)
        return outcome
    }

    /// (a) and (d): the records `include` selects, each with every field it holds when the keys were compromised,
    /// none when only ciphertext left. Records held in clear-text categories (ids, statuses, times) expose nothing.
    private func heldRecords(
        in organisations: [OrganisationID]? = nil, caller: Caller, keysCompromised: Bool,
        include: (PersonRecord) -> Bool
    ) async throws -> [PersonID: FoundRecord] {
        var ids = organisations ?? []
        if organisations == nil { ids = try await store.organisations(scope: caller.scope).map(\.id) }
        var opened = OpenedPeople(service: self, caller: caller)
        var found: [PersonID: FoundRecord] = [:]
        for organisation in ids {
            try await store.forEachPeoplePage(of: organisation, includeCanaries: true, scope: caller.scope) { page in
                let selected = page.filter(include)
                let held = keysCompromised ? try await heldFields(of: selected, opened: &opened) : [:]
                for record in selected {
                    found[record.person.id] = FoundRecord(
                        organisation: organisation, fields: held[record.person.id] ?? [])
                }
            }
        }
        try await opened.audit()
        return found
    }

    /// Every field each record holds, by person: which sealed cells are present, whether any dose is recorded,
    /// and — only decryption tells — whether an employment carries a pregnancy declaration.
    /// What each record holds. Whether it holds a pregnancy declaration needs decryption, so it is looked up only
    /// for the records in `pregnancyOf` (every record when nil).
    func heldFields(of records: [PersonRecord], opened: inout OpenedPeople, pregnancyOf: Set<PersonID>? = nil)
        async throws -> [PersonID: Set<PersonalField>]
    {
        var held: [PersonID: Set<PersonalField>] = [:]
        for record in records {
            let organisation = record.person.organisationID
            if opened.dosed[organisation] == nil {
                opened.dosed[organisation] = Set(
                    try await store.doseEntries(of: organisation, endingSince: nil, scope: opened.caller.scope)
                        .map(\.personID))
            }
            var fields = Self.heldFields(
                record, hasDoses: opened.dosed[organisation]?.contains(record.person.id) ?? false)
            if pregnancyOf?.contains(record.person.id) ?? true,
                try await opened.open(record).employments.contains(where: { !$0.pregnancies.isEmpty })
            {
                fields.insert(.pregnancy)
            }
            held[record.person.id] = fields
        }
        return held
    }

    /// The fields a stored record holds, from which sealed cells are present (no decryption needed).
    static func heldFields(_ record: PersonRecord, hasDoses: Bool) -> Set<PersonalField> {
        let sealed = record.person.sealed
        var fields = Set<PersonalField>()
        if sealed[.forenames] != nil || sealed[.surname] != nil { fields.insert(.name) }
        if sealed[.dateOfBirth] != nil { fields.insert(.dateOfBirth) }
        if sealed[.sex] != nil { fields.insert(.sex) }
        if sealed[.nino] != nil { fields.insert(.nino) }
        if [.email, .phone, .address, .postcode].contains(where: { sealed[$0] != nil }) {
            fields.insert(.contactDetails)
        }
        if record.employments.contains(where: { $0.sealedStaffNumber != nil }) { fields.insert(.staffNumber) }
        if hasDoses { fields.insert(.dose) }
        return fields
    }

    /// (b): exactly what the ledger says these principals read in the window.
    private func readBy(_ actors: Set<String>, from: Date, to: Date, caller: Caller) async throws
        -> [PersonID: FoundRecord]
    {
        var fields: [PersonID: Set<PersonalField>] = [:]
        var after: Int64 = 0
        while true {
            let page = try await store.auditEvents(after: after, limit: 10_000)
            guard let last = page.last else { break }
            after = last.sequence
            for event in page
            where actors.contains(event.actor) && event.occurredAt >= from && event.occurredAt <= to {
                guard let subject = event.subjectID, let person = PersonID(subject) else { continue }
                let exposed = ExposureRules.fields(action: event.action, purpose: event.purpose)
                guard !exposed.isEmpty else { continue }
                fields[person, default: []].formUnion(exposed)
            }
        }
        // A read shows only what the record holds: a person without a NINO lost no NINO.
        let records = try await store.people(ids: Array(fields.keys), scope: caller.scope)
        var opened = OpenedPeople(service: self, caller: caller)
        // Only a read that showed a pregnancy declaration needs the record opened to see whether it holds one.
        let held = try await heldFields(
            of: records, opened: &opened, pregnancyOf: Set(fields.filter { $0.value.contains(.pregnancy) }.keys))
        try await opened.audit()
        return Dictionary(
            uniqueKeysWithValues: records.map { record in
                let id = record.person.id
                return (
                    id,
                    FoundRecord(
                        organisation: record.person.organisationID,
                        fields: (fields[id] ?? []).intersection(held[id] ?? []))
                )
            })
    }
}
