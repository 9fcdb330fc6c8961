import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

/// Conversions between PostgreSQL rows and the store's row types.
enum PostgresRows {
    static func all<T>(
        _ rows: PostgresRowSequence, _ transform: (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        var result: [T] = []
        for try await row in rows { result.append(try transform(row.makeRandomAccess())) }
        return result
    }

    static func bytes(_ row: PostgresRandomAccessRow, _ column: String) throws -> [UInt8]? {
        try row[column].decode(Data?.self).map { [UInt8]($0) }
    }

    static func uint32(_ row: PostgresRandomAccessRow, _ column: String) throws -> UInt32 {
        guard let value = UInt32(exactly: try row[column].decode(Int64.self)) else {
            throw StoreError.corrupt("bad key version")
        }
        return value
    }

    static func organisation(_ row: PostgresRandomAccessRow) throws -> OrganisationRow {
        let departments = try JSONDecoder().decode(
            [String].self, from: Data(try row["departments"].decode(String.self).utf8))
        return OrganisationRow(
            id: OrganisationID(try row["id"].decode(UUID.self)), code: try row["code"].decode(String.self),
            name: try row["name"].decode(String.self), kind: try row["kind"].decode(String.self),
            departments: departments, sealedContacts: try bytes(row, "contacts"),
            createdAt: try row["created_at"].decode(Date.self), updatedAt: try row["updated_at"].decode(Date.self))
    }

    static func wrappedKey(_ row: PostgresRandomAccessRow, prefix: String) throws -> WrappedKeyRow {
        WrappedKeyRow(
            version: try uint32(row, prefix + "version"), wrappingVersion: try uint32(row, prefix + "wrapping_version"),
            envelope: try bytes(row, prefix + "envelope") ?? [],
            createdAt: try row[prefix + "created_at"].decode(Date.self))
    }

    static func wrappedKey(_ row: PostgresRandomAccessRow) throws -> WrappedKeyRow {
        try wrappedKey(row, prefix: "")
    }

    static func person(_ row: PostgresRandomAccessRow) throws -> PersonRow {
        guard let status = PersonStatus(rawValue: try row["status"].decode(String.self)) else {
            throw StoreError.corrupt("bad status")
        }
        var sealed: [PersonColumn: [UInt8]] = [:]
        for column in PersonColumn.allCases {
            if let value = try bytes(row, column.rawValue) { sealed[column] = value }
        }
        return PersonRow(
            id: PersonID(try row["id"].decode(UUID.self)),
            organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)), status: status,
            isCanary: try row["is_canary"].decode(Bool.self), ninoIndex: try row["nino_index"].decode(Int64?.self),
            sourceIndex: try row["source_index"].decode(Int64?.self), sealed: sealed,
            createdAt: try row["created_at"].decode(Date.self), updatedAt: try row["updated_at"].decode(Date.self))
    }

    static func employment(_ row: PostgresRandomAccessRow) throws -> EmploymentRow {
        guard let state = EmploymentState(rawValue: try row["state"].decode(String.self)) else {
            throw StoreError.corrupt("bad state")
        }
        return EmploymentRow(
            id: EmploymentID(try row["id"].decode(UUID.self)),
            organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
            personID: PersonID(try row["person_id"].decode(UUID.self)), state: state,
            staffIndex: try row["staff_index"].decode(Int64?.self), sealedStaffNumber: try bytes(row, "staff_number"),
            sealedDetails: try bytes(row, "details") ?? [], createdAt: try row["created_at"].decode(Date.self),
            updatedAt: try row["updated_at"].decode(Date.self))
    }

    static func auditEvent(_ row: PostgresRandomAccessRow) throws -> AuditEventRow {
        AuditEventRow(
            sequence: try row["sequence"].decode(Int64.self), occurredAt: try row["occurred_at"].decode(Date.self),
            actor: try row["actor"].decode(String.self), role: try row["role"].decode(String.self),
            action: try row["action"].decode(String.self), subjectID: try row["subject_id"].decode(String?.self),
            organisationID: try row["organisation_id"].decode(UUID?.self).map(OrganisationID.init),
            purpose: try row["purpose"].decode(String.self), requestID: try row["request_id"].decode(String.self),
            outcome: try row["outcome"].decode(String.self))
    }
}
