import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Conversions between SQLite rows and the store's row types.
enum SQLiteRows {
    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    static func identifier<Tag>(_ text: String) throws -> Identifier<Tag> {
        guard let id = Identifier<Tag>(text) else { throw StoreError.corrupt("bad id") }
        return id
    }

    static func bytes(_ row: Row, _ column: String) -> [UInt8]? {
        (row[column] as Data?).map { [UInt8]($0) }
    }

    static func organisation(_ row: Row) throws -> OrganisationRow {
        let departmentsJSON: String = row["departments"]
        let departments = try JSONDecoder().decode([String].self, from: Data(departmentsJSON.utf8))
        return OrganisationRow(
            id: try identifier(row["id"]), code: row["code"], name: row["name"], kind: row["kind"],
            departments: departments, sealedContacts: bytes(row, "contacts"), createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"]))
    }

    static func wrappedKey(_ row: Row) throws -> WrappedKeyRow {
        WrappedKeyRow(
            version: try uint32(row["version"]), wrappingVersion: try uint32(row["wrapping_version"]),
            envelope: bytes(row, "envelope") ?? [], createdAt: date(row["created_at"]))
    }

    static func uint32(_ value: Int64) throws -> UInt32 {
        guard let result = UInt32(exactly: value) else { throw StoreError.corrupt("bad key version") }
        return result
    }

    static func person(_ row: Row) throws -> PersonRow {
        let statusText: String = row["status"]
        guard let status = PersonStatus(rawValue: statusText) else { throw StoreError.corrupt("bad status") }
        var sealed: [PersonColumn: [UInt8]] = [:]
        for column in PersonColumn.allCases {
            if let value = bytes(row, column.rawValue) { sealed[column] = value }
        }
        return PersonRow(
            id: try identifier(row["id"]), organisationID: try identifier(row["organisation_id"]), status: status,
            isCanary: row["is_canary"], ninoIndex: row["nino_index"], sourceIndex: row["source_index"],
            sealed: sealed, createdAt: date(row["created_at"]), updatedAt: date(row["updated_at"]))
    }

    static func employment(_ row: Row) throws -> EmploymentRow {
        let stateText: String = row["state"]
        guard let state = EmploymentState(rawValue: stateText) else { throw StoreError.corrupt("bad state") }
        return EmploymentRow(
            id: try identifier(row["id"]), organisationID: try identifier(row["organisation_id"]),
            personID: try identifier(row["person_id"]), state: state, staffIndex: row["staff_index"],
            sealedStaffNumber: bytes(row, "staff_number"), sealedDetails: bytes(row, "details") ?? [],
            createdAt: date(row["created_at"]), updatedAt: date(row["updated_at"]))
    }

    /// The columns ``auditEvent(positional:)`` reads, in its order.
    static let auditEventSelect = """
        SELECT sequence, occurred_at, actor, role, action, subject_id, organisation_id, purpose, request_id, outcome
        FROM audit_events
        """

    /// An audit event from a row of ``auditEventSelect``, read by position (no column-name lookups).
    static func auditEvent(positional row: Row) throws -> AuditEventRow {
        let organisation: String? = row[6]
        return AuditEventRow(
            sequence: row[0], occurredAt: date(row[1]), actor: row[2], role: row[3], action: row[4],
            subjectID: row[5], organisationID: try organisation.map { try identifier($0) }, purpose: row[7],
            requestID: row[8], outcome: row[9])
    }
}
