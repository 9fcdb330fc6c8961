import DoseCore
import Foundation
import SievertStorage
import Vault

/// Seals people and employments into store rows, and opens them again, under one organisation's keys.
///
/// Each person has their own data key, wrapped under the organisation key: deleting it shreds the
/// person. Every value is bound to organisation | table | column | row id (DESIGN.md §Security 3).
struct PersonCodec {
    let organisation: OrganisationID
    let organisationKeys: Keyset
    let keys: KeyService

    private var org: String { organisation.description }

    // MARK: data keys

    func newDataKey(for person: PersonID, now: Date) throws -> (DataKey, WrappedKeyRow) {
        let key = DataKey.generate()
        let wrapped = try KeyWrap.wrap(key, under: organisationKeys, context: keyContext(person))
        return (key, WrappedKeyRow(wrapped, at: now))
    }

    func dataKey(_ record: PersonRecord) throws -> DataKey {
        try KeyWrap.unwrapDataKey(record.key.wrapped, with: organisationKeys, context: keyContext(record.person.id))
    }

    private func keyContext(_ person: PersonID) -> AssociatedData {
        KeyService.personKeyContext(organisation, person)
    }

    // MARK: people

    /// The sealed row for `person`; `sourceIndex` links the row to the import record it came from.
    func sealPerson(_ person: Person, with key: DataKey, sourceIndex: Int64?) throws -> PersonRow {
        let sealer = Sealer(dataKey: key)
        var sealed: [PersonColumn: [UInt8]] = [:]
        for (column, value) in Self.values(of: person) {
            guard let value, !value.isEmpty else { continue }
            sealed[column] = try sealer.seal(
                Array(value.utf8),
                binding: AssociatedData(
                    organisation: org, table: "people", column: column.rawValue, row: person.id.description))
        }
        return PersonRow(
            id: person.id, organisationID: organisation, status: person.status, isCanary: person.isCanary,
            ninoIndex: try person.identity.nino.map(ninoIndex), sourceIndex: sourceIndex, sealed: sealed,
            createdAt: person.createdAt, updatedAt: person.updatedAt)
    }

    /// Opens a stored person; any tampered or misplaced value fails the whole record.
    func openPerson(_ row: PersonRow, with key: DataKey) throws -> Person {
        let sealer = Sealer(dataKey: key)
        var text: [PersonColumn: String] = [:]
        for (column, bytes) in row.sealed {
            let plain = try sealer.open(
                bytes,
                binding: AssociatedData(
                    organisation: org, table: "people", column: column.rawValue, row: row.id.description))
            text[column] = String(decoding: plain, as: UTF8.self)
        }
        let identity = PersonIdentity(
            forenames: text[.forenames], surname: text[.surname] ?? "",
            dateOfBirth: try text[.dateOfBirth].map { try CalendarDate(iso: $0) },
            sex: text[.sex].flatMap(Sex.init(rawValue:)), nino: try text[.nino].map { try NINO(parsing: $0) })
        let contact = ContactDetails(
            email: text[.email], phone: text[.phone], address: text[.address], postcode: text[.postcode])
        return Person(
            id: row.id, organisationID: row.organisationID, identity: identity, contact: contact, status: row.status,
            dateOfDeath: try text[.dateOfDeath].map { try CalendarDate(iso: $0) }, isCanary: row.isCanary,
            createdAt: row.createdAt, updatedAt: row.updatedAt)
    }

    static func values(of person: Person) -> [(PersonColumn, String?)] {
        [
            (.forenames, person.identity.forenames), (.surname, person.identity.surname),
            (.dateOfBirth, person.identity.dateOfBirth?.iso), (.sex, person.identity.sex?.rawValue),
            (.nino, person.identity.nino?.value), (.email, person.contact.email), (.phone, person.contact.phone),
            (.address, person.contact.address), (.postcode, person.contact.postcode),
            (.dateOfDeath, person.dateOfDeath?.iso),
        ]
    }

    // MARK: employments

    private struct Details: Codable {
        var department: String?
        var start: CalendarDate
        var end: CalendarDate?
        var designations: DesignationHistory
        var pregnancies: [PregnancyDeclaration]
        // Absent from records sealed before special authorisations could be recorded, and when there are none.
        var specialAuthorisations: [SpecialAuthorisation]?
    }

    func sealEmployment(_ employment: Employment, with key: DataKey) throws -> EmploymentRow {
        let sealer = Sealer(dataKey: key)
        let id = employment.id.description
        let details = Details(
            department: employment.department, start: employment.start, end: employment.end,
            designations: employment.designations, pregnancies: employment.pregnancies,
            specialAuthorisations: employment.specialAuthorisations.isEmpty ? nil : employment.specialAuthorisations)
        let sealedDetails = try sealer.seal(
            Array(try JSONEncoder().encode(details)),
            binding: AssociatedData(organisation: org, table: "employments", column: "details", row: id))
        var staffIndex: Int64?
        var sealedStaff: [UInt8]?
        if let staff = employment.staffNumber {
            staffIndex = try self.staffIndex(staff)
            sealedStaff = try sealer.seal(
                Array(staff.utf8),
                binding: AssociatedData(organisation: org, table: "employments", column: "staff_number", row: id))
        }
        return EmploymentRow(
            id: employment.id, organisationID: organisation, personID: employment.personID,
            state: employment.end == nil ? .active : .ended, staffIndex: staffIndex, sealedStaffNumber: sealedStaff,
            sealedDetails: sealedDetails, createdAt: employment.createdAt, updatedAt: employment.updatedAt)
    }

    func openEmployment(_ row: EmploymentRow, with key: DataKey) throws -> Employment {
        let sealer = Sealer(dataKey: key)
        let id = row.id.description
        let details = try JSONDecoder().decode(
            Details.self,
            from: Data(
                try sealer.open(
                    row.sealedDetails,
                    binding: AssociatedData(organisation: org, table: "employments", column: "details", row: id))))
        let staff = try row.sealedStaffNumber.map {
            String(
                decoding: try sealer.open(
                    $0,
                    binding: AssociatedData(organisation: org, table: "employments", column: "staff_number", row: id)),
                as: UTF8.self)
        }
        return Employment(
            id: row.id, organisationID: row.organisationID, personID: row.personID, staffNumber: staff,
            department: details.department, start: details.start, end: details.end,
            designations: details.designations, pregnancies: details.pregnancies,
            specialAuthorisations: details.specialAuthorisations ?? [], createdAt: row.createdAt,
            updatedAt: row.updatedAt)
    }

    /// Opens a whole stored record: the person and their employments.
    func open(_ record: PersonRecord) throws -> (Person, [Employment]) {
        let key = try dataKey(record)
        return (
            try openPerson(record.person, with: key), try record.employments.map { try openEmployment($0, with: key) }
        )
    }

    /// The blind index of an import file's record id, bound to the organisation.
    func sourceIndex(_ recordID: String) throws -> Int64 {
        Int64(bitPattern: try keys.indexer.index(recordID, field: keys.fields.sourceRecord, context: org))
    }

    /// The blind index of a staff number, bound to the organisation.
    func staffIndex(_ staffNumber: String) throws -> Int64 {
        Int64(bitPattern: try keys.indexer.index(staffNumber, field: keys.fields.staffNumber, context: org))
    }

    /// The blind index of a NINO (global, so one person's records at several employers link).
    func ninoIndex(_ nino: NINO) throws -> Int64 {
        try keys.ninoIndex(nino)
    }
}
