import DoseCore
import Foundation
import Testing

@Suite("Person")
struct PersonTests {
    static let now = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01
    static let today = CalendarDate(now)

    static func person(
        forenames: String? = "Rhian", surname: String = "Testfield", dateOfBirth: String? = "1980-05-17",
        status: PersonStatus = .active, dateOfDeath: String? = nil
    ) throws -> Person {
        Person(
            id: .generate(now: now),
            organisationID: .generate(now: now),
            identity: PersonIdentity(
                forenames: forenames,
                surname: surname,
                dateOfBirth: try dateOfBirth.map { try CalendarDate(iso: $0) },
                sex: .female,
                nino: try NINO(parsing: "AB123456C")
            ),
            contact: ContactDetails(email: "rhian@example.org"),
            status: status,
            dateOfDeath: try dateOfDeath.map { try CalendarDate(iso: $0) },
            createdAt: now,
            updatedAt: now
        )
    }

    static func fields(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let errors as ValidationErrors {
            return errors.errors.map(\.field)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test("a complete, plausible person is valid")
    func valid() throws {
        let person = try Self.person()
        #expect(Self.fields { try person.validate(today: Self.today) } == [])
        try Self.person(forenames: nil, dateOfBirth: nil).validate(today: Self.today)
    }

    @Test("every broken rule is reported at once")
    func collectsAll() throws {
        var person = try Self.person(surname: "", dateOfBirth: "2030-01-01", dateOfDeath: "2020-01-01")
        person.contact.postcode = "nowhere"
        #expect(
            Self.fields { try person.validate(today: Self.today) } == [
                "surname", "dateOfBirth", "dateOfDeath", "postcode",
            ])
    }

    @Test("names must be short, trimmed and free of control characters")
    func names() throws {
        #expect(
            Self.fields { try Self.person(surname: String(repeating: "x", count: 101)).validate(today: Self.today) }
                == ["surname"])
        #expect(
            Self.fields { try Self.person(surname: String(repeating: "x", count: 100)).validate(today: Self.today) }
                == [])
        #expect(Self.fields { try Self.person(forenames: "Ann\u{0}").validate(today: Self.today) } == ["forenames"])
        #expect(Self.fields { try Self.person(forenames: " Ann").validate(today: Self.today) } == ["forenames"])
        #expect(Self.fields { try Self.person(surname: "O'Brien-Smith").validate(today: Self.today) } == [])
        #expect(Self.fields { try Self.person(surname: "Ní Bhriain").validate(today: Self.today) } == [])
    }

    @Test("dates of birth must be from 1900 and not in the future")
    func dateOfBirth() throws {
        #expect(
            Self.fields { try Self.person(dateOfBirth: "1899-12-31").validate(today: Self.today) } == ["dateOfBirth"])
        #expect(Self.fields { try Self.person(dateOfBirth: "1900-01-01").validate(today: Self.today) } == [])
        #expect(Self.fields { try Self.person(dateOfBirth: Self.today.iso).validate(today: Self.today) } == [])
        let tomorrow = try #require(Self.today.adding(days: 1))
        #expect(
            Self.fields { try Self.person(dateOfBirth: tomorrow.iso).validate(today: Self.today) } == ["dateOfBirth"])
    }

    @Test("a date of death needs deceased status and must fall between birth and today")
    func dateOfDeath() throws {
        #expect(
            Self.fields { try Self.person(status: .left, dateOfDeath: "2020-01-01").validate(today: Self.today) } == [
                "dateOfDeath"
            ])
        #expect(
            Self.fields { try Self.person(status: .deceased, dateOfDeath: "2020-01-01").validate(today: Self.today) }
                == [])
        #expect(
            Self.fields { try Self.person(status: .deceased, dateOfDeath: "1979-01-01").validate(today: Self.today) }
                == ["dateOfDeath"])
        #expect(
            Self.fields { try Self.person(status: .deceased, dateOfDeath: "2025-01-01").validate(today: Self.today) }
                == ["dateOfDeath"])
        #expect(Self.fields { try Self.person(status: .deceased).validate(today: Self.today) } == [])
    }

    @Test("marking a person as left changes status and time only; a deceased person stays deceased")
    func markedLeft() throws {
        let later = Self.now.addingTimeInterval(3600)
        let left = try Self.person().markedLeft(at: later)
        #expect(left.status == .left)
        #expect(left.updatedAt == later)
        let dead = try Self.person(status: .deceased)
        #expect(dead.markedLeft(at: later) == dead)
    }

    @Test("marking a person deceased records the date and refuses impossible ones")
    func markedDeceased() throws {
        let later = Self.now.addingTimeInterval(3600)
        let person = try Self.person()
        let dead = try person.markedDeceased(on: CalendarDate(iso: "2024-05-30"), at: later)
        #expect(dead.status == .deceased)
        #expect(dead.dateOfDeath?.iso == "2024-05-30")
        #expect(dead.updatedAt == later)
        #expect(try person.markedDeceased(on: nil, at: later).dateOfDeath == nil)
        #expect(throws: ValidationErrors.self) {
            try person.markedDeceased(on: CalendarDate(iso: "2024-06-02"), at: later)
        }
        #expect(throws: ValidationErrors.self) {
            try person.markedDeceased(on: CalendarDate(iso: "1970-01-01"), at: later)
        }
    }

    @Test("a person round-trips through JSON")
    func codable() throws {
        let person = try Self.person()
        let data = try JSONEncoder().encode(person)
        #expect(try JSONDecoder().decode(Person.self, from: data) == person)
    }
}
