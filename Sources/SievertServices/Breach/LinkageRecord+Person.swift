import DoseCore
import Foundation
import Linkage

extension LinkageRecord {
    /// A stored person as the linkage sees them: every decrypted value, the organisation's code, and the person
    /// id as the record id so outcomes map back.
    init(_ person: Person, employments: [Employment], organisationCode: String) {
        let date = { (value: CalendarDate?) in
            value.flatMap { LinkageDate(year: $0.year, month: $0.month, day: $0.day) }
        }
        self.init(
            recordID: person.id.description, organisation: organisationCode,
            staffNumber: employments.lazy.compactMap(\.staffNumber).first, forenames: person.identity.forenames,
            surname: person.identity.surname, dateOfBirth: date(person.identity.dateOfBirth),
            sex: person.identity.sex?.rawValue, nino: person.identity.nino?.value, email: person.contact.email,
            phone: person.contact.phone, address: person.contact.address, postcode: person.contact.postcode,
            status: person.status.rawValue, dateOfDeath: date(person.dateOfDeath),
            updatedAt: ISO8601DateFormatter().string(from: person.updatedAt), isCanary: person.isCanary)
    }

    /// The fields a leaked row of a people file carries.
    var carriedFields: Set<PersonalField> {
        var fields = Set<PersonalField>()
        if forenames != nil || surname != nil { fields.insert(.name) }
        if dateOfBirth != nil { fields.insert(.dateOfBirth) }
        if sex != nil { fields.insert(.sex) }
        if nino != nil { fields.insert(.nino) }
        if staffNumber != nil { fields.insert(.staffNumber) }
        if email != nil || phone != nil || address != nil || postcode != nil { fields.insert(.contactDetails) }
        return fields
    }
}
