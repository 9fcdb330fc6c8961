import DoseCore
import Foundation
import Testing

@Suite("Employment")
struct EmploymentTests {
    static let now = Date(timeIntervalSince1970: 1_717_200_000)

    static func day(_ iso: String) -> CalendarDate {
        guard let date = try? CalendarDate(iso: iso) else { fatalError("bad fixture \(iso)") }
        return date
    }

    static func employment(start: String = "2020-01-01", designation: Designation = .nonClassified) throws -> Employment
    {
        Employment(
            id: .generate(now: now),
            organisationID: .generate(now: now),
            personID: .generate(now: now),
            staffNumber: "E-1001",
            department: "Radiology",
            start: day(start),
            designations: try DesignationHistory().designating(designation, from: day(start)),
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

    @Test(
        "staff numbers are trimmed, collapsed and upper-cased",
        arguments: [("  e-1001 ", "E-1001"), ("ab/12_3", "AB/12_3"), ("AB  123", "AB 123")])
    func staffNumbers(raw: String, expected: String) throws {
        #expect(try Employment.normaliseStaffNumber(raw) == expected)
    }

    @Test(
        "bad staff numbers are refused",
        arguments: ["", "   ", "E.1001", "E#1", "É1001", "E\u{0}1", String(repeating: "9", count: 33)])
    func badStaffNumbers(raw: String) {
        #expect(throws: ValidationError.self) { try Employment.normaliseStaffNumber(raw) }
    }

    @Test("an employment is active from its start to its end inclusive")
    func active() throws {
        let employment = try Self.employment().ended(on: Self.day("2023-06-30"), at: Self.now)
        #expect(!employment.isActive(on: Self.day("2019-12-31")))
        #expect(employment.isActive(on: Self.day("2020-01-01")))
        #expect(employment.isActive(on: Self.day("2023-06-30")))
        #expect(!employment.isActive(on: Self.day("2023-07-01")))
        #expect(try Self.employment().isActive(on: Self.day("2100-01-01")))
    }

    @Test("ending closes the open designation and refuses an end before the start")
    func ending() throws {
        let later = Self.now.addingTimeInterval(60)
        let ended = try Self.employment().ended(on: Self.day("2023-06-30"), at: later)
        #expect(ended.end == Self.day("2023-06-30"))
        #expect(ended.designations.periods.last?.to == Self.day("2023-06-30"))
        #expect(ended.designations.current == nil)
        #expect(ended.updatedAt == later)
        #expect(throws: ValidationError.self) { try Self.employment().ended(on: Self.day("2019-12-31"), at: later) }
        let changed = try Self.employment().designations.designating(.classified, from: Self.day("2022-01-01"))
        var employment = try Self.employment()
        employment.designations = changed
        #expect(throws: ValidationError.self) { try employment.ended(on: Self.day("2021-12-31"), at: later) }
    }

    @Test("validation checks dates, staff number, designations and pregnancies together")
    func validation() throws {
        let birth = Self.day("2005-01-01")
        #expect(Self.fields { try Self.employment().validate(dateOfBirth: birth) } == [])
        var employment = try Self.employment(designation: .classified)
        employment.end = Self.day("2019-01-01")
        employment.staffNumber = " e1"
        employment.pregnancies = [
            PregnancyDeclaration(declared: Self.day("2021-01-01")),
            PregnancyDeclaration(declared: Self.day("2022-01-01"), ended: Self.day("2021-06-01")),
        ]
        #expect(
            Self.fields { try employment.validate(dateOfBirth: birth) } == [
                "end", "staffNumber", "designation", "designation", "pregnancies", "pregnancies", "pregnancies",
                "pregnancies",
            ])
        #expect(Self.fields { try Self.employment(designation: .classified).validate(dateOfBirth: nil) } == [])
    }

    @Test("designations must lie inside the employment")
    func designationsInside() throws {
        var employment = try Self.employment()
        employment.start = Self.day("2021-01-01")
        #expect(Self.fields { try employment.validate(dateOfBirth: nil) } == ["designation"])
    }

    @Test("well-ordered pregnancies are accepted")
    func pregnancies() throws {
        var employment = try Self.employment()
        employment.pregnancies = [
            PregnancyDeclaration(declared: Self.day("2021-01-01"), ended: Self.day("2021-08-01")),
            PregnancyDeclaration(declared: Self.day("2023-02-01")),
        ]
        #expect(Self.fields { try employment.validate(dateOfBirth: nil) } == [])
    }

    @Test("an employment round-trips through JSON")
    func codable() throws {
        let employment = try Self.employment()
        #expect(try JSONDecoder().decode(Employment.self, from: JSONEncoder().encode(employment)) == employment)
    }
}
