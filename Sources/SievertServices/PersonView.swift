import DoseCore
import Foundation

/// A person as the API shows them: the NINO masked to its last three characters.
public struct PersonView: Sendable, Codable, Hashable {
    public var id: PersonID
    public var organisationCode: String
    public var forenames: String?
    public var surname: String
    public var dateOfBirth: CalendarDate?
    public var sex: Sex?
    public var ninoMasked: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var postcode: String?
    public var status: PersonStatus
    public var dateOfDeath: CalendarDate?
    public var employments: [EmploymentView]
    public var createdAt: Date
    public var updatedAt: Date

    init(_ person: Person, employments: [Employment], organisationCode: String) {
        id = person.id
        self.organisationCode = organisationCode
        forenames = person.identity.forenames
        surname = person.identity.surname
        dateOfBirth = person.identity.dateOfBirth
        sex = person.identity.sex
        ninoMasked = person.identity.nino?.masked
        email = person.contact.email
        phone = person.contact.phone
        address = person.contact.address
        postcode = person.contact.postcode
        status = person.status
        dateOfDeath = person.dateOfDeath
        self.employments = employments.map(EmploymentView.init)
        createdAt = person.createdAt
        updatedAt = person.updatedAt
    }
}

/// An employment (dose record) as the API shows it.
public struct EmploymentView: Sendable, Codable, Hashable {
    public var id: EmploymentID
    public var staffNumber: String?
    public var department: String?
    public var start: CalendarDate
    public var end: CalendarDate?
    public var designations: [DesignationPeriod]
    public var pregnancies: [PregnancyDeclaration]
    public var specialAuthorisations: [SpecialAuthorisation]

    init(_ employment: Employment) {
        id = employment.id
        staffNumber = employment.staffNumber
        department = employment.department
        start = employment.start
        end = employment.end
        designations = employment.designations.periods
        pregnancies = employment.pregnancies
        specialAuthorisations = employment.specialAuthorisations
    }
}

/// One page of people and the id to continue after, if there may be more.
public struct PersonPage: Sendable, Codable {
    public var people: [PersonView]
    public var next: PersonID?
}
