import DoseCore
import Foundation
import SievertStorage

/// Store rows with opaque bytes where ciphertext would be: the stores never look inside.
public enum RowFixtures {
    public static let epoch = Date(timeIntervalSince1970: 1_790_000_000)

    public static func organisation(_ code: String) -> OrganisationRow {
        OrganisationRow(
            id: .generate(), code: code, name: "Organisation \(code)", kind: "nhs-trust", departments: ["Radiology"],
            sealedContacts: random(40), createdAt: epoch, updatedAt: epoch)
    }

    public static func organisationKey(_ organisation: OrganisationID, version: UInt32 = 1) -> OrganisationKeyRow {
        OrganisationKeyRow(organisationID: organisation, key: key(version: version))
    }

    public static func key(version: UInt32 = 1) -> WrappedKeyRow {
        WrappedKeyRow(version: version, wrappingVersion: 1, envelope: random(65), createdAt: epoch)
    }

    public static func person(
        in organisation: OrganisationID, nino: Int64? = nil, canary: Bool = false
    ) -> (person: PersonRow, key: WrappedKeyRow) {
        var sealed: [PersonColumn: [UInt8]] = [:]
        for column in PersonColumn.allCases where column != .dateOfDeath { sealed[column] = random(48) }
        let row = PersonRow(
            id: .generate(), organisationID: organisation, status: .active, isCanary: canary, ninoIndex: nino,
            sourceIndex: Int64.random(in: .min ... .max), sealed: sealed, createdAt: epoch, updatedAt: epoch)
        return (row, key())
    }

    public static func employment(of person: PersonRow, staffIndex: Int64? = nil) -> EmploymentRow {
        EmploymentRow(
            id: .generate(), organisationID: person.organisationID, personID: person.id, state: .active,
            staffIndex: staffIndex, sealedStaffNumber: staffIndex.map { _ in random(30) }, sealedDetails: random(90),
            createdAt: epoch, updatedAt: epoch)
    }

    public static func event(_ action: String, organisation: OrganisationID?) -> AuditEventRow {
        AuditEventRow(
            occurredAt: epoch, actor: "test", role: "rps-admin", action: action, subjectID: nil,
            organisationID: organisation, purpose: "test", requestID: "r1", outcome: "ok")
    }

    public static func random(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max) }
    }

    /// Two organisations with their keys, three people in the first and two in the second.
    public static func twoTenants() -> (a: OrganisationRow, b: OrganisationRow, changes: ChangeSet) {
        let a = organisation("ORG-A\(Int.random(in: 100...999))")
        let b = organisation("ORG-B\(Int.random(in: 100...999))")
        var changes = ChangeSet()
        changes.newOrganisations = [a, b]
        changes.newOrganisationKeys = [organisationKey(a.id), organisationKey(b.id)]
        changes.newPeople =
            (0..<3).map { _ in person(in: a.id, nino: 42) } + (0..<2).map { _ in person(in: b.id, nino: 42) }
        changes.newEmployments = changes.newPeople.map { employment(of: $0.person, staffIndex: 7) }
        return (a, b, changes)
    }
}
