import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Writes key maintenance inside the change set's transaction. Every rewrite names the value it replaces, so a row
/// changed meanwhile (say, a person shredded during a rewrap pass) makes the whole change set a conflict.
struct SQLiteKeyWriter {
    let db: Database

    func apply(_ work: KeyMaintenance) throws {
        for (organisation, old, new) in work.organisationKeyRewraps {
            try db.execute(
                sql: """
                    UPDATE organisation_keys SET wrapping_version = ?, envelope = ?
                    WHERE organisation_id = ? AND version = ? AND wrapping_version = ? AND envelope = ?
                    """,
                arguments: [
                    Int64(new.wrappingVersion), Data(new.envelope), organisation.description, Int64(old.version),
                    Int64(old.wrappingVersion), Data(old.envelope),
                ])
            try expectOne("organisation key changed meanwhile")
        }
        for (name, old, new) in work.serviceKeyRewraps {
            try db.execute(
                sql: """
                    UPDATE service_keys SET wrapping_version = ?, envelope = ?
                    WHERE name = ? AND version = ? AND wrapping_version = ? AND envelope = ?
                    """,
                arguments: [
                    Int64(new.wrappingVersion), Data(new.envelope), name, Int64(old.version),
                    Int64(old.wrappingVersion), Data(old.envelope),
                ])
            try expectOne("service key changed meanwhile")
        }
        for (old, new) in work.personKeyRewraps {
            try db.execute(
                sql: """
                    UPDATE person_keys SET version = ?, wrapping_version = ?, envelope = ?
                    WHERE person_id = ? AND organisation_id = ? AND wrapping_version = ? AND envelope = ?
                    """,
                arguments: [
                    Int64(new.version), Int64(new.wrappingVersion), Data(new.envelope), old.personID.description,
                    old.organisationID.description, Int64(old.key.wrappingVersion), Data(old.key.envelope),
                ])
            try expectOne("person key changed meanwhile")
        }
        for (column, old, new) in work.resealed {
            // Table and column names come from a closed enum, never from input.
            try db.execute(
                sql: """
                    UPDATE \(column.table) SET \(column.column) = ?
                    WHERE id = ? AND \(column.organisationColumn) = ? AND \(column.column) = ?
                    """,
                arguments: [Data(new), old.rowID, old.organisationID.description, Data(old.bytes)])
            try expectOne("sealed value changed meanwhile")
        }
        for (organisation, version) in work.retiredOrganisationKeys {
            try db.execute(
                sql: "DELETE FROM organisation_keys WHERE organisation_id = ? AND version = ?",
                arguments: [organisation.description, Int64(version)])
            try expectOne("organisation key version not found")
        }
        for (person, organisation) in work.shreddedPeople {
            try db.execute(
                sql: "DELETE FROM person_keys WHERE person_id = ? AND organisation_id = ?",
                arguments: [person.description, organisation.description])
            try expectOne("person key not found")
        }
    }

    private func expectOne(_ reason: String) throws {
        guard db.changesCount == 1 else { throw StoreError.conflict(reason) }
    }
}
