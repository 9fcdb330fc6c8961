import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Applies a change set inside one write transaction, with cached prepared statements for bulk work.
struct SQLiteWriter {
    let db: Database

    func apply(_ changes: ChangeSet) throws {
        if !changes.readRecords.isEmpty { try changes.requireReadRecords(storedAs: storedRecords(changes.readRecords)) }
        for row in changes.newOrganisations { try insertOrganisation(row) }
        for row in changes.organisationUpdates { try updateOrganisation(row) }
        for row in changes.newOrganisationKeys { try insertOrganisationKey(row) }
        if !changes.newPeople.isEmpty { try insertPeople(changes.newPeople) }
        for row in changes.personUpdates { try updatePerson(row) }
        for row in changes.newEmployments { try insertEmployment(row) }
        for row in changes.employmentUpdates { try updateEmployment(row) }
        if !changes.newParticipants.isEmpty || !changes.newLabReadings.isEmpty {
            try SQLiteLabWriter(db: db).apply(changes)
        }
        if changes.touchesDosemeters { try SQLiteDosemeterWriter(db: db).apply(changes) }
        if changes.touchesAlerts { try SQLiteAlertWriter(db: db).apply(changes) }
        if !changes.newDoseEntries.isEmpty { try insertDoseEntries(changes.newDoseEntries) }
        if changes.touchesAccounts { try SQLiteAccountWriter(db: db).apply(changes) }
        if changes.touchesIncidents { try SQLiteIncidentWriter(db: db).apply(changes) }
        if !changes.keyMaintenance.isEmpty { try SQLiteKeyWriter(db: db).apply(changes.keyMaintenance) }
        if !changes.auditEvents.isEmpty { try insertAuditEvents(changes.auditEvents) }
    }

    /// The records a change set was made from, as stored now. This transaction holds SQLite's only write lock, so
    /// what it reads here stays so until it commits.
    private func storedRecords(_ records: [PersonRecord]) throws -> [PersonRecord] {
        try records.map(\.person.id.description).inChunks { marks, arguments in
            try SQLiteReader(db: db).people(where: "p.id IN (\(marks))", arguments: arguments)
        }
    }

    private func departmentsJSON(_ departments: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(departments), as: UTF8.self)
    }

    private func insertOrganisation(_ row: OrganisationRow) throws {
        try db.execute(
            sql: """
                INSERT INTO organisations (id, code, name, kind, departments, contacts, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                row.id.description, row.code, row.name, row.kind, try departmentsJSON(row.departments),
                row.sealedContacts.map { Data($0) }, SQLiteRows.millis(row.createdAt), SQLiteRows.millis(row.updatedAt),
            ])
    }

    private func updateOrganisation(_ row: OrganisationRow) throws {
        try db.execute(
            sql:
                "UPDATE organisations SET name = ?, kind = ?, departments = ?, contacts = ?, updated_at = ? WHERE id = ?",
            arguments: [
                row.name, row.kind, try departmentsJSON(row.departments), row.sealedContacts.map { Data($0) },
                SQLiteRows.millis(row.updatedAt), row.id.description,
            ])
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }

    private func insertOrganisationKey(_ row: OrganisationKeyRow) throws {
        try db.execute(
            sql: """
                INSERT INTO organisation_keys (organisation_id, version, wrapping_version, envelope, created_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [
                row.organisationID.description, Int64(row.key.version), Int64(row.key.wrappingVersion),
                Data(row.key.envelope), SQLiteRows.millis(row.key.createdAt),
            ])
    }

    private func insertPeople(_ people: [(person: PersonRow, key: WrappedKeyRow)]) throws {
        let columns = PersonColumn.allCases.map(\.rawValue)
        let personStatement = try db.cachedStatement(
            sql: """
                INSERT INTO people (id, organisation_id, status, is_canary, nino_index, source_index, \
                \(columns.joined(separator: ", ")), created_at, updated_at)
                VALUES (\(Array(repeating: "?", count: columns.count + 8).joined(separator: ", ")))
                """)
        let keyStatement = try db.cachedStatement(
            sql: """
                INSERT INTO person_keys (person_id, organisation_id, version, wrapping_version, envelope, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (person, key) in people {
            var values: [(any DatabaseValueConvertible)?] = [
                person.id.description, person.organisationID.description, person.status.rawValue,
                person.isCanary, person.ninoIndex, person.sourceIndex,
            ]
            values += PersonColumn.allCases.map { column in person.sealed[column].map { Data($0) } }
            values += [SQLiteRows.millis(person.createdAt), SQLiteRows.millis(person.updatedAt)]
            try personStatement.execute(arguments: StatementArguments(values))
            try keyStatement.execute(arguments: [
                person.id.description, person.organisationID.description, Int64(key.version),
                Int64(key.wrappingVersion), Data(key.envelope), SQLiteRows.millis(key.createdAt),
            ])
        }
    }

    private func updatePerson(_ person: PersonRow) throws {
        let assignments = PersonColumn.allCases.map { "\($0.rawValue) = ?" }.joined(separator: ", ")
        var values: [(any DatabaseValueConvertible)?] = [
            person.status.rawValue, person.isCanary, person.ninoIndex, person.sourceIndex,
        ]
        values += PersonColumn.allCases.map { column in person.sealed[column].map { Data($0) } }
        values += [SQLiteRows.millis(person.updatedAt), person.id.description, person.organisationID.description]
        try db.execute(
            sql: """
                UPDATE people SET status = ?, is_canary = ?, nino_index = ?, source_index = ?, \(assignments), \
                updated_at = ? WHERE id = ? AND organisation_id = ?
                """,
            arguments: StatementArguments(values))
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }

    private func insertEmployment(_ row: EmploymentRow) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO employments (id, organisation_id, person_id, state, staff_index, staff_number, details, \
                created_at, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM people WHERE id = ? AND organisation_id = ?)
                """)
        try statement.execute(arguments: [
            row.id.description, row.organisationID.description, row.personID.description, row.state.rawValue,
            row.staffIndex, row.sealedStaffNumber.map { Data($0) }, Data(row.sealedDetails),
            SQLiteRows.millis(row.createdAt), SQLiteRows.millis(row.updatedAt), row.personID.description,
            row.organisationID.description,
        ])
        // An employment may only join a person of the same organisation.
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }

    private func updateEmployment(_ row: EmploymentRow) throws {
        try db.execute(
            sql: """
                UPDATE employments SET state = ?, staff_index = ?, staff_number = ?, details = ?, updated_at = ?
                WHERE id = ? AND organisation_id = ? AND person_id = ?
                """,
            arguments: [
                row.state.rawValue, row.staffIndex, row.sealedStaffNumber.map { Data($0) }, Data(row.sealedDetails),
                SQLiteRows.millis(row.updatedAt), row.id.description, row.organisationID.description,
                row.personID.description,
            ])
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }

    private func insertDoseEntries(_ entries: [DoseEntryRow]) throws {
        // A plain INSERT … VALUES: an INSERT … SELECT … WHERE EXISTS needs a statement journal, into which SQLite
        // copies every page a row touches (gigabytes of writes for a lab file of a million readings). The check the
        // WHERE EXISTS made is done first instead, once for each employment the entries name.
        let insert = try SQLiteBulkInsert(
            db,
            sql: """
                INSERT INTO dose_entries (id, organisation_id, employment_id, person_id, period_begin, period_end,
                    quantity, kind, supersedes, amount, recorded_at, reading_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let employment = try db.cachedStatement(
            sql: "SELECT 1 FROM employments WHERE id = ? AND organisation_id = ? AND person_id = ?")
        var checked = Set<EntryOwner>()
        for entry in entries {
            let owner = EntryOwner(
                employment: entry.employmentID, organisation: entry.organisationID, person: entry.personID)
            if !checked.contains(owner) {
                // The employment must be the person's, in the entry's organisation.
                let arguments: StatementArguments = [
                    entry.employmentID.description, entry.organisationID.description, entry.personID.description,
                ]
                guard try Int.fetchOne(employment, arguments: arguments) != nil else { throw StoreError.notFound }
                checked.insert(owner)
            }
            try insert.insert([
                .identifier(entry.id.uuid), .identifier(entry.organisationID.uuid),
                .identifier(entry.employmentID.uuid),
                .identifier(entry.personID.uuid), .date(entry.periodBegin), .date(entry.periodEnd),
                .text(entry.quantity), .text(entry.kind), .optional(entry.supersedes) { .identifier($0.uuid) },
                .blob(entry.sealedAmount), .integer(SQLiteRows.millis(entry.recordedAt)),
                .optional(entry.readingID) { .identifier($0.uuid) },
            ])
        }
    }

    private struct EntryOwner: Hashable {
        var employment: EmploymentID
        var organisation: OrganisationID
        var person: PersonID
    }

    /// Appends events at the next sequence numbers, each with its ledger leaf hash. SQLite has one writer
    /// at a time, so reading the last sequence inside the write transaction leaves no gap and no race.
    private func insertAuditEvents(_ events: [AuditEventRow]) throws {
        var sequence = try Int64.fetchOne(db, sql: "SELECT coalesce(max(sequence), 0) FROM audit_events") ?? 0
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO audit_events (sequence, occurred_at, actor, role, action, subject_id, organisation_id, \
                purpose, request_id, outcome, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for event in events {
            sequence += 1
            let leafHash = try event.leafHash(sequence: sequence)
            try statement.execute(arguments: [
                sequence, SQLiteRows.millis(event.occurredAt), event.actor, event.role, event.action, event.subjectID,
                event.organisationID?.description, event.purpose, event.requestID, event.outcome, Data(leafHash),
            ])
        }
    }
}
