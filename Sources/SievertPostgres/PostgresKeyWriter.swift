import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Writes key maintenance inside the change set's transaction. Every rewrite names the value it replaces, so a row
/// changed meanwhile (say, a person shredded during a rewrap pass) makes the whole change set a conflict.
struct PostgresKeyWriter {
    let connection: PostgresConnection
    let logger: Logger

    func apply(_ work: KeyMaintenance) async throws {
        for (organisation, old, new) in work.organisationKeyRewraps {
            try await expectOne(
                """
                UPDATE organisation_keys SET wrapping_version = \(Int64(new.wrappingVersion)),
                    envelope = \(Data(new.envelope))
                WHERE organisation_id = \(organisation.uuid) AND version = \(Int64(old.version))
                  AND wrapping_version = \(Int64(old.wrappingVersion)) AND envelope = \(Data(old.envelope))
                RETURNING 1
                """, "organisation key changed meanwhile")
        }
        for (name, old, new) in work.serviceKeyRewraps {
            try await expectOne(
                """
                UPDATE service_keys SET wrapping_version = \(Int64(new.wrappingVersion)),
                    envelope = \(Data(new.envelope))
                WHERE name = \(name) AND version = \(Int64(old.version))
                  AND wrapping_version = \(Int64(old.wrappingVersion)) AND envelope = \(Data(old.envelope))
                RETURNING 1
                """, "service key changed meanwhile")
        }
        for (old, new) in work.personKeyRewraps {
            try await expectOne(
                """
                UPDATE person_keys SET version = \(Int64(new.version)),
                    wrapping_version = \(Int64(new.wrappingVersion)), envelope = \(Data(new.envelope))
                WHERE person_id = \(old.personID.uuid) AND organisation_id = \(old.organisationID.uuid)
                  AND wrapping_version = \(Int64(old.key.wrappingVersion)) AND envelope = \(Data(old.key.envelope))
                RETURNING 1
                """, "person key changed meanwhile")
        }
        for (column, old, new) in work.resealed {
            guard let row = UUID(uuidString: old.rowID) else { throw StoreError.notFound }
            // Table and column names come from a closed enum, never from input.
            try await expectOne(
                """
                UPDATE \(unescaped: column.table) SET \(unescaped: column.column) = \(Data(new))
                WHERE id = \(row) AND \(unescaped: column.organisationColumn) = \(old.organisationID.uuid)
                  AND \(unescaped: column.column) = \(Data(old.bytes))
                RETURNING 1
                """, "sealed value changed meanwhile")
        }
        for (organisation, version) in work.retiredOrganisationKeys {
            try await expectOne(
                """
                DELETE FROM organisation_keys WHERE organisation_id = \(organisation.uuid)
                  AND version = \(Int64(version)) RETURNING 1
                """, "organisation key version not found")
        }
        for (person, organisation) in work.shreddedPeople {
            try await expectOne(
                """
                DELETE FROM person_keys WHERE person_id = \(person.uuid) AND organisation_id = \(organisation.uuid)
                RETURNING 1
                """, "person key not found")
        }
    }

    private func expectOne(_ query: PostgresQuery, _ reason: String) async throws {
        var count = 0
        for try await _ in try await connection.query(query, logger: logger) { count += 1 }
        guard count == 1 else { throw StoreError.conflict(reason) }
    }
}
