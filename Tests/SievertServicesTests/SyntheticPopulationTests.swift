import DoseCore
import Foundation
import SievertServices
import Testing

@Suite("Synthetic population")
struct SyntheticPopulationTests {
    static let now = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01
    static let organisationID = OrganisationID("0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f") ?? .generate(now: now)

    static func people(seed: UInt64, count: Int, organisations: [OrganisationID] = [organisationID]) -> [(
        Person, Employment
    )] {
        var population = SyntheticPopulation(seed: seed)
        return (0..<count).map { index in
            population.person(organisationID: organisations[index % organisations.count], now: now)
        }
    }

    @Test("NINOs are valid and unique across 100,000 people")
    func uniqueNINOs() {
        let people = Self.people(seed: 1, count: 100_000)
        let ninos = people.compactMap(\.0.identity.nino?.value)
        #expect(ninos.count == 100_000)
        #expect(Set(ninos).count == 100_000)
        #expect(ninos.allSatisfy { (try? NINO(parsing: $0))?.value == $0 })
    }

    @Test("every generated person and employment passes the validators, with values already normalised")
    func validates() throws {
        let today = CalendarDate(Self.now)
        for (person, employment) in Self.people(seed: 2, count: 5_000) {
            try person.validate(today: today)
            try employment.validate(dateOfBirth: person.identity.dateOfBirth)
            let contact = person.contact
            #expect(try ContactDetails.normaliseEmail(try #require(contact.email)) == contact.email)
            #expect(try ContactDetails.normalisePhone(try #require(contact.phone)) == contact.phone)
            #expect(try ContactDetails.normaliseAddress(try #require(contact.address)) == contact.address)
            #expect(try ContactDetails.normalisePostcode(try #require(contact.postcode)) == contact.postcode)
            #expect(try Employment.normaliseStaffNumber(try #require(employment.staffNumber)) == employment.staffNumber)
            #expect(employment.personID == person.id)
            #expect(employment.isActive(on: today))
            #expect(person.status == .active && !person.isCanary)
        }
    }

    @Test("the same seed gives the same people and a different seed different ones")
    func deterministic() {
        let first = Self.people(seed: 42, count: 200)
        let second = Self.people(seed: 42, count: 200)
        #expect(first.map(\.0) == second.map(\.0))
        #expect(first.map(\.1) == second.map(\.1))
        let other = Self.people(seed: 43, count: 200)
        #expect(first.map(\.0.identity) != other.map(\.0.identity))
    }

    @Test("the seeded generator is fixed by its seed, including seed zero")
    func generator() {
        var a = SyntheticPopulation.Generator(seed: 0)
        var b = SyntheticPopulation.Generator(seed: 0)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(Set(first).count == 100)
        var c = SyntheticPopulation.Generator(seed: 1)
        #expect(c.next() != first[0])
    }

    @Test("contact details are invented: example domains, the drama phone range, Welsh-shaped postcodes")
    func contactDetails() {
        for (person, _) in Self.people(seed: 3, count: 2_000) {
            let email = person.contact.email ?? ""
            #expect(["@example.org", "@example.net", "@example.com"].contains { email.hasSuffix($0) })
            #expect(person.contact.phone?.hasPrefix("07700 900") == true)
            #expect(person.contact.phone?.count == 12)
            #expect(person.contact.address?.contains(", ") == true)
            let postcode = person.contact.postcode ?? ""
            #expect(["CF", "SA", "NP", "LL", "SY", "LD"].contains { postcode.hasPrefix($0) })
        }
    }

    @Test("dates of birth fall in 1955–2006 and employments start no earlier than age 16")
    func dates() throws {
        for (person, employment) in Self.people(seed: 4, count: 5_000) {
            let birth = try #require(person.identity.dateOfBirth)
            #expect(birth.year >= 1955 && birth.year <= 2006)
            #expect(birth.age(on: employment.start) >= 16)
            #expect(employment.start <= CalendarDate(Self.now))
        }
    }

    @Test("about a fifth of adults are classified and trainees are only those aged 16 or 17 at the start")
    func designations() throws {
        var adults = 0
        var classified = 0
        var trainees = 0
        for (person, employment) in Self.people(seed: 5, count: 20_000) {
            let birth = try #require(person.identity.dateOfBirth)
            let designation = try #require(employment.designations.designation(on: employment.start))
            let age = birth.age(on: employment.start)
            if age >= 18 {
                adults += 1
                #expect(designation != .trainee)
                if designation == .classified { classified += 1 }
            } else {
                #expect(designation == .trainee)
                trainees += 1
            }
        }
        let share = Double(classified) / Double(adults)
        #expect(share > 0.17 && share < 0.23)
        #expect(trainees > 0)
    }

    @Test("staff numbers are unique within each organisation")
    func staffNumbers() {
        let organisations = (0..<3).map { _ in OrganisationID.generate(now: Self.now) }
        let people = Self.people(seed: 6, count: 3_000, organisations: organisations)
        for organisation in organisations {
            let numbers = people.map(\.1).filter { $0.organisationID == organisation }.compactMap(\.staffNumber)
            #expect(numbers.count == 1_000)
            #expect(Set(numbers).count == numbers.count)
        }
    }

    @Test("names look like names: capitalised, letters only, varied")
    func names() {
        let people = Self.people(seed: 7, count: 2_000)
        for (person, _) in people {
            for name in [person.identity.surname]
                + (person.identity.forenames?.split(separator: " ").map(String.init) ?? [])
            {
                #expect(name.first?.isUppercase == true)
                #expect(name.allSatisfy { $0.isLetter })
            }
        }
        #expect(Set(people.map(\.0.identity.surname)).count > 200)
    }

    @Test("there are six demo organisations, one of each main kind, about 300 people in all")
    func organisations() throws {
        let organisations = SyntheticPopulation.demoOrganisations
        #expect(organisations.count == 6)
        #expect(
            Set(organisations.map(\.kind)) == [
                .nhsTrust, .healthBoard, .privateHospital, .dental, .veterinary, .airport,
            ])
        let total = organisations.map(\.size).reduce(0, +)
        #expect(total >= 280 && total <= 320)
        for organisation in organisations {
            #expect(try OrganisationCode(organisation.code).value == organisation.code)
        }
        #expect(Set(organisations.map(\.code)).count == 6)
    }
}
