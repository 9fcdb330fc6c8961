import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Applies a change set inside the caller's scoped transaction. Row-level security re-checks every row.
struct PostgresWriter {
    let connection: PostgresConnection
    let logger: Logger

    func apply(_ changes: ChangeSet) async throws {
        if !changes.readRecords.isEmpty {
            try changes.requireReadRecords(storedAs: try await lockedRecords(changes.readRecords))
        }
        for row in changes.newOrganisations { try await insertOrganisation(row) }
        for row in changes.organisationUpdates { try await updateOrganisation(row) }
        for row in changes.newOrganisationKeys { try await insertOrganisationKey(row) }
        // Multi-row inserts: one round trip per 500 people instead of two per person.
        for chunk in chunks(changes.newPeople, 500) { try await insertPeople(chunk) }
        for row in changes.personUpdates { try await updatePerson(row) }
        for chunk in chunks(changes.newEmployments, 1000) { try await insertEmployments(chunk) }
        for row in changes.employmentUpdates { try await updateEmployment(row) }
        for row in changes.newParticipants { try await insertParticipant(row) }
        for chunk in chunks(changes.newLabReadings, 1000) { try await insertLabReadings(chunk) }
        if changes.touchesDosemeters {
            try await PostgresDosemeterWriter(connection: connection, logger: logger).apply(changes)
        }
        if changes.touchesAlerts {
            try await PostgresAlertWriter(connection: connection, logger: logger).apply(changes)
        }
        for chunk in chunks(changes.newDoseEntries, 1000) { try await insertDoseEntries(chunk) }
        if changes.touchesAccounts {
            try await PostgresAccountWriter(connection: connection, logger: logger).apply(changes)
        }
        if changes.touchesIncidents {
            try await PostgresIncidentWriter(connection: connection, logger: logger).apply(changes)
        }
        if !changes.keyMaintenance.isEmpty {
            try await PostgresKeyWriter(connection: connection, logger: logger).apply(changes.keyMaintenance)
        }
        if !changes.auditEvents.isEmpty {
            // Audit events take consecutive sequence numbers (ledger leaf indexes): one appender at a time,
            // held until this transaction ends.
            try await connection.query("SELECT pg_advisory_xact_lock(7361627)", logger: logger)
            var next: Int64 = 1
            for try await last in try await connection.query(
                "SELECT coalesce(max(sequence), 0) FROM audit_events", logger: logger
            ).decode(Int64.self) {
                next = last + 1
            }
            for chunk in chunks(changes.auditEvents, 1000) {
                try await insertAuditEvents(chunk, from: next)
                next += Int64(chunk.count)
            }
        }
    }

    /// The records a change set was made from, as stored now. Their person and employment rows are locked first (in
    /// id order, so two such changes cannot deadlock), so what is read stays so until this transaction ends: under
    /// READ COMMITTED a plain read could pass the comparison and still lose to a concurrent writer.
    private func lockedRecords(_ records: [PersonRecord]) async throws -> [PersonRecord] {
        let ids = records.map(\.person.id.uuid)
        try await connection.query(
            "SELECT id FROM people WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE", logger: logger)
        try await connection.query(
            "SELECT id FROM employments WHERE person_id = ANY(\(ids)) ORDER BY id FOR UPDATE", logger: logger)
        return try await PostgresReader(connection: connection, logger: logger).people(
            where: "p.id = ANY($1)", binds: { $0.append(ids) })
    }

    private func chunks<T>(_ items: [T], _ size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    private func run(_ sql: String, _ bindings: PostgresBindings) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
            count += 1
        }
        return count
    }

    /// Builds `INSERT ... VALUES (...), (...)` with `columns` placeholders per row.
    private func values(rows: Int, columns: Int) -> String {
        (0..<rows).map { row in
            "(" + (1...columns).map { "$\(row * columns + $0)" }.joined(separator: ",") + ")"
        }.joined(separator: ",")
    }

    private func departments(_ list: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
    }

    private func insertOrganisation(_ row: OrganisationRow) async throws {
        try await connection.query(
            """
            INSERT INTO organisations (id, code, name, kind, departments, contacts, created_at, updated_at)
            VALUES (\(row.id.uuid), \(row.code), \(row.name), \(row.kind),
                    \(try departments(row.departments)),
                    \(row.sealedContacts.map { Data($0) }), \(row.createdAt), \(row.updatedAt))
            """, logger: logger)
    }

    private func updateOrganisation(_ row: OrganisationRow) async throws {
        var bindings = PostgresBindings()
        bindings.append(row.name)
        bindings.append(row.kind)
        bindings.append(try departments(row.departments))
        try bindings.append(row.sealedContacts.map { Data($0) })
        bindings.append(row.updatedAt)
        bindings.append(row.id.uuid)
        let updated = try await run(
            """
            UPDATE organisations SET name = $1, kind = $2, departments = $3,
                contacts = $4, updated_at = $5 WHERE id = $6 RETURNING id
            """, bindings)
        guard updated == 1 else { throw StoreError.notFound }
    }

    private func insertOrganisationKey(_ row: OrganisationKeyRow) async throws {
        try await connection.query(
            """
            INSERT INTO organisation_keys (organisation_id, version, wrapping_version, envelope, created_at)
            VALUES (\(row.organisationID.uuid), \(Int64(row.key.version)), \(Int64(row.key.wrappingVersion)),
                    \(Data(row.key.envelope)), \(row.key.createdAt))
            """, logger: logger)
    }

    private func appendPerson(_ person: PersonRow, to bindings: inout PostgresBindings) throws {
        bindings.append(person.id.uuid)
        bindings.append(person.organisationID.uuid)
        bindings.append(person.status.rawValue)
        bindings.append(person.isCanary)
        bindings.append(person.ninoIndex)
        bindings.append(person.sourceIndex)
        for column in PersonColumn.allCases { try bindings.append(person.sealed[column].map { Data($0) }) }
        bindings.append(person.createdAt)
        bindings.append(person.updatedAt)
    }

    private func insertPeople(_ people: ArraySlice<(person: PersonRow, key: WrappedKeyRow)>) async throws {
        let personColumns = PersonColumn.allCases.map(\.rawValue).joined(separator: ", ")
        var bindings = PostgresBindings(capacity: people.count * 18)
        for entry in people { try appendPerson(entry.person, to: &bindings) }
        _ = try await run(
            """
            INSERT INTO people (id, organisation_id, status, is_canary, nino_index, source_index, \(personColumns),
                created_at, updated_at) VALUES \(values(rows: people.count, columns: 18))
            """, bindings)
        var keyBindings = PostgresBindings(capacity: people.count * 6)
        for (person, key) in people {
            keyBindings.append(person.id.uuid)
            keyBindings.append(person.organisationID.uuid)
            keyBindings.append(Int64(key.version))
            keyBindings.append(Int64(key.wrappingVersion))
            try keyBindings.append(Data(key.envelope))
            keyBindings.append(key.createdAt)
        }
        _ = try await run(
            """
            INSERT INTO person_keys (person_id, organisation_id, version, wrapping_version, envelope, created_at)
            VALUES \(values(rows: people.count, columns: 6))
            """, keyBindings)
    }

    private func updatePerson(_ person: PersonRow) async throws {
        var bindings = PostgresBindings()
        try appendPerson(person, to: &bindings)
        let assignments = PersonColumn.allCases.enumerated().map { "\($1.rawValue) = $\($0 + 7)" }
            .joined(separator: ", ")
        let updated = try await run(
            """
            UPDATE people SET status = $3, is_canary = $4, nino_index = $5, source_index = $6, \(assignments),
                updated_at = $18 WHERE id = $1 AND organisation_id = $2 RETURNING id
            """, bindings)
        guard updated == 1 else { throw StoreError.notFound }
    }

    private func insertEmployments(_ rows: ArraySlice<EmploymentRow>) async throws {
        var bindings = PostgresBindings(capacity: rows.count * 9)
        for row in rows {
            bindings.append(row.id.uuid)
            bindings.append(row.organisationID.uuid)
            bindings.append(row.personID.uuid)
            bindings.append(row.state.rawValue)
            bindings.append(row.staffIndex)
            try bindings.append(row.sealedStaffNumber.map { Data($0) })
            try bindings.append(Data(row.sealedDetails))
            bindings.append(row.createdAt)
            bindings.append(row.updatedAt)
        }
        // The join keeps an employment from attaching to a person of another organisation.
        let inserted = try await run(
            """
            INSERT INTO employments (id, organisation_id, person_id, state, staff_index, staff_number, details,
                created_at, updated_at)
            SELECT v.id::uuid, v.organisation_id::uuid, v.person_id::uuid, v.state::text, v.staff_index::bigint,
                v.staff_number::bytea, v.details::bytea, v.created_at::timestamptz, v.updated_at::timestamptz
            FROM (VALUES \(values(rows: rows.count, columns: 9)))
                AS v(id, organisation_id, person_id, state, staff_index, staff_number, details, created_at, updated_at)
            JOIN people p ON p.id = v.person_id::uuid AND p.organisation_id = v.organisation_id::uuid
            RETURNING id
            """, bindings)
        guard inserted == rows.count else { throw StoreError.notFound }
    }

    private func updateEmployment(_ row: EmploymentRow) async throws {
        var bindings = PostgresBindings()
        bindings.append(row.state.rawValue)
        bindings.append(row.staffIndex)
        try bindings.append(row.sealedStaffNumber.map { Data($0) })
        try bindings.append(Data(row.sealedDetails))
        bindings.append(row.updatedAt)
        bindings.append(row.id.uuid)
        bindings.append(row.organisationID.uuid)
        bindings.append(row.personID.uuid)
        let updated = try await run(
            """
            UPDATE employments SET state = $1, staff_index = $2, staff_number = $3, details = $4, updated_at = $5
            WHERE id = $6 AND organisation_id = $7 AND person_id = $8 RETURNING id
            """, bindings)
        guard updated == 1 else { throw StoreError.notFound }
    }

    private func insertDoseEntries(_ rows: ArraySlice<DoseEntryRow>) async throws {
        var bindings = PostgresBindings(capacity: rows.count * 12)
        for row in rows {
            bindings.append(row.id.uuid)
            bindings.append(row.organisationID.uuid)
            bindings.append(row.employmentID.uuid)
            bindings.append(row.personID.uuid)
            bindings.append(row.periodBegin.iso)
            bindings.append(row.periodEnd.iso)
            bindings.append(row.quantity)
            bindings.append(row.kind)
            bindings.append(row.supersedes?.uuid)
            try bindings.append(Data(row.sealedAmount))
            bindings.append(row.recordedAt)
            bindings.append(row.readingID?.uuid)
        }
        // The join keeps an entry from attaching to an employment of another person or organisation.
        let inserted = try await run(
            """
            INSERT INTO dose_entries (id, organisation_id, employment_id, person_id, period_begin, period_end,
                quantity, kind, supersedes, amount, recorded_at, reading_id)
            SELECT v.id::uuid, v.organisation_id::uuid, v.employment_id::uuid, v.person_id::uuid,
                v.period_begin::date, v.period_end::date, v.quantity::text, v.kind::text, v.supersedes::uuid,
                v.amount::bytea, v.recorded_at::timestamptz, v.reading_id::uuid
            FROM (VALUES \(values(rows: rows.count, columns: 12)))
                AS v(id, organisation_id, employment_id, person_id, period_begin, period_end, quantity, kind,
                    supersedes, amount, recorded_at, reading_id)
            JOIN employments e ON e.id = v.employment_id::uuid AND e.organisation_id = v.organisation_id::uuid
                AND e.person_id = v.person_id::uuid
            RETURNING id
            """, bindings)
        guard inserted == rows.count else { throw StoreError.notFound }
    }

    private func insertParticipant(_ row: ParticipantRow) async throws {
        let inserted = try await run(
            """
            INSERT INTO participants (code, organisation_id, employment_id, person_id, created_at)
            SELECT $1, $2, $3, $4, $5 FROM employments e
            WHERE e.id = $3 AND e.organisation_id = $2 AND e.person_id = $4 RETURNING code
            """,
            {
                var bindings = PostgresBindings()
                bindings.append(row.code)
                bindings.append(row.organisationID.uuid)
                bindings.append(row.employmentID.uuid)
                bindings.append(row.personID.uuid)
                bindings.append(row.createdAt)
                return bindings
            }())
        guard inserted == 1 else { throw StoreError.notFound }
    }

    private func insertLabReadings(_ rows: ArraySlice<LabReadingRow>) async throws {
        var bindings = PostgresBindings(capacity: rows.count * 12)
        for row in rows {
            bindings.append(row.id.uuid)
            bindings.append(row.organisationID.uuid)
            bindings.append(row.serial)
            bindings.append(Int64(row.version))
            bindings.append(row.participantCode)
            bindings.append(row.dosemeterType)
            bindings.append(row.position)
            bindings.append(row.periodBegin.iso)
            bindings.append(row.periodEnd.iso)
            bindings.append(row.status)
            try bindings.append(Data(row.sealedCells))
            bindings.append(row.importedAt)
        }
        _ = try await run(
            """
            INSERT INTO lab_readings (id, organisation_id, serial, version, participant_code, dosemeter_type, position,
                period_begin, period_end, status, cells, imported_at)
            SELECT v.id::uuid, v.organisation_id::uuid, v.serial::text, v.version::integer, v.participant_code::text,
                v.dosemeter_type::text, v.position::text, v.period_begin::date, v.period_end::date, v.status::text,
                v.cells::bytea, v.imported_at::timestamptz
            FROM (VALUES \(values(rows: rows.count, columns: 12)))
                AS v(id, organisation_id, serial, version, participant_code, dosemeter_type, position, period_begin,
                    period_end, status, cells, imported_at)
            """, bindings)
    }

    private func insertAuditEvents(_ events: ArraySlice<AuditEventRow>, from first: Int64) async throws {
        var bindings = PostgresBindings(capacity: events.count * 11)
        for (offset, event) in events.enumerated() {
            let sequence = first + Int64(offset)
            bindings.append(sequence)
            bindings.append(event.occurredAt)
            bindings.append(event.actor)
            bindings.append(event.role)
            bindings.append(event.action)
            bindings.append(event.subjectID)
            bindings.append(event.organisationID?.uuid)
            bindings.append(event.purpose)
            bindings.append(event.requestID)
            bindings.append(event.outcome)
            try bindings.append(Data(try event.leafHash(sequence: sequence)))
        }
        _ = try await run(
            """
            INSERT INTO audit_events (sequence, occurred_at, actor, role, action, subject_id, organisation_id, purpose,
                request_id, outcome, leaf_hash) VALUES \(values(rows: events.count, columns: 11))
            """, bindings)
    }
}
