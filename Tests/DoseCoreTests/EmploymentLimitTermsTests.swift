import DoseCore
import Foundation
import Testing

@Suite("A dose record's limit terms: designation, pregnancy declarations, HSE's special authorisation")
struct EmploymentLimitTermsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let today = EmploymentTests.day("2026-06-15")
    static let adult = EmploymentTests.day("1980-01-01")

    /// An employment of an adult from 2020-01-01, optionally ended.
    static func record(end: String? = nil, designation: Designation = .classified) throws -> Employment {
        var employment = try EmploymentTests.employment(designation: designation)
        employment.end = end.map(EmploymentTests.day)
        return employment
    }

    /// The field a change refuses, or nil when it is accepted and the result still validates.
    static func refusal(_ change: () throws(ValidationError) -> Employment) -> String? {
        do {
            let changed = try change()
            try changed.validate(dateOfBirth: adult)
            return nil
        } catch let error as ValidationError {
            return "\(error.field): \(error.reason)"
        } catch {
            return "invalid after the change: \(error)"
        }
    }

    @Test(
        "a designation changes from a day inside the record, closing the open one the day before",
        arguments: [
            ("2024-03-01", "1980-01-01", nil),
            ("2019-12-31", "1980-01-01", "from"),
            ("2020-01-01", "1980-01-01", nil),  // the same day as the open designation: replaces it
            ("2024-03-01", "2008-01-01", "designation"),  // classified at 16
        ] as [(String, String, String?)])
    func designating(from: String, born: String, refusedField: String?) throws {
        let employment = try Self.record(designation: .nonClassified)
        let outcome = Self.refusal { () throws(ValidationError) -> Employment in
            try employment.designating(
                .classified, from: EmploymentTests.day(from), dateOfBirth: EmploymentTests.day(born), at: Self.now)
        }
        #expect(outcome?.split(separator: ":").first.map(String.init) == refusedField, "\(outcome ?? "accepted")")
        if refusedField == nil {
            let changed = try employment.designating(
                .classified, from: EmploymentTests.day(from), dateOfBirth: Self.adult, at: Self.now)
            #expect(changed.designations.designation(on: EmploymentTests.day(from)) == .classified)
            #expect(changed.updatedAt == Self.now)
            if from != "2020-01-01" {
                #expect(changed.designations.designation(on: EmploymentTests.day("2024-02-29")) == .nonClassified)
            }
        }
    }

    @Test("a record that ended takes no designation after its end, nor one that rewrites its closed history")
    func designatingEnded() throws {
        let ended = try Self.record(designation: .nonClassified).ended(
            on: EmploymentTests.day("2025-12-31"), at: Self.now)
        for (from, field) in [("2026-01-01", "from"), ("2024-03-01", "designation")] {
            let outcome = Self.refusal { () throws(ValidationError) -> Employment in
                try ended.designating(
                    .classified, from: EmploymentTests.day(from), dateOfBirth: Self.adult, at: Self.now)
            }
            #expect(outcome?.split(separator: ":").first.map(String.init) == field, "\(from): \(outcome ?? "accepted")")
        }
    }

    @Test(
        "a pregnancy is declared inside the record, by today, once the last declaration has ended",
        arguments: [
            ([], "2026-05-01", nil),
            ([], "2026-06-16", "declared"),  // tomorrow
            ([], "2019-06-01", "declared"),  // before the record
            (["2025-01-10…"], "2026-05-01", "declared"),  // still open
            (["2025-01-10…2025-09-30"], "2025-09-30", "declared"),  // the day it ended
            (["2025-01-10…2025-09-30"], "2025-10-01", nil),
        ] as [([String], String, String?)])
    func declaring(earlier: [String], declared: String, refusedField: String?) throws {
        var employment = try Self.record()
        employment.pregnancies = earlier.map {
            let parts = $0.split(separator: "…", omittingEmptySubsequences: false).map(String.init)
            return PregnancyDeclaration(
                declared: EmploymentTests.day(parts[0]),
                ended: parts[1].isEmpty ? nil : EmploymentTests.day(parts[1]))
        }
        let outcome = Self.refusal { () throws(ValidationError) -> Employment in
            try employment.declaringPregnancy(on: EmploymentTests.day(declared), today: Self.today, at: Self.now)
        }
        #expect(outcome?.split(separator: ":").first.map(String.init) == refusedField, "\(outcome ?? "accepted")")
        if refusedField == nil {
            let changed = try employment.declaringPregnancy(
                on: EmploymentTests.day(declared), today: Self.today, at: Self.now)
            #expect(changed.pregnancies.last == PregnancyDeclaration(declared: EmploymentTests.day(declared)))
            #expect(changed.pregnancies.count == earlier.count + 1)
        }
    }

    @Test(
        "only an open declaration ends, on or after its day and by today",
        arguments: [
            (true, "2026-06-01", nil),
            (true, "2026-03-01", nil),  // the declaration day itself
            (true, "2026-02-28", "ended"),
            (true, "2026-06-16", "ended"),
            (false, "2026-06-01", "ended"),  // nothing open
        ] as [(Bool, String, String?)])
    func ending(open: Bool, ended: String, refusedField: String?) throws {
        var employment = try Self.record()
        if open { employment.pregnancies = [PregnancyDeclaration(declared: EmploymentTests.day("2026-03-01"))] }
        let outcome = Self.refusal { () throws(ValidationError) -> Employment in
            try employment.endingPregnancy(on: EmploymentTests.day(ended), today: Self.today, at: Self.now)
        }
        #expect(outcome?.split(separator: ":").first.map(String.init) == refusedField, "\(outcome ?? "accepted")")
        if refusedField == nil {
            let changed = try employment.endingPregnancy(
                on: EmploymentTests.day(ended), today: Self.today, at: Self.now)
            #expect(changed.pregnancies.last?.ended == EmploymentTests.day(ended))
        }
    }

    @Test(
        "HSE's authorisation is for an adult employee's record, five years not overlapping another",
        arguments: [
            (2024, "1980-01-01", nil as String?, false),
            (2014, "1980-01-01", nil, false),  // ends 2018, before the record started in 2020
            (2024, "2007-01-02", nil, false),  // 16 on 1 January 2024
            (2025, "2007-01-01", nil, false),  // 18 on 1 January 2025: accepted
            (2027, "1980-01-01", "2026-12-31", false),  // starts after the record ended
            (2026, "1980-01-01", nil, true),  // 2026–2030 overlaps the recorded 2030–2034
        ] as [(Int, String, String?, Bool)])
    func authorising(firstYear: Int, born: String, end: String?, overlapping: Bool) throws {
        var employment = try Self.record(end: end, designation: .nonClassified)
        if overlapping {
            employment.specialAuthorisations = [try SpecialAuthorisation(firstYear: 2030)]
        }
        let dateOfBirth = EmploymentTests.day(born)
        let authorisation = try SpecialAuthorisation(firstYear: firstYear)
        let expectedRefusal =
            firstYear == 2014 || (firstYear == 2024 && born == "2007-01-02") || end != nil || overlapping
        let changed: Employment
        do {
            changed = try employment.authorising(authorisation, dateOfBirth: dateOfBirth, at: Self.now)
        } catch {
            #expect(expectedRefusal, "refused \(firstYear) for someone born \(born): \(error)")
            #expect(error.field == "firstYear")
            return
        }
        #expect(!expectedRefusal, "accepted \(firstYear) for someone born \(born)")
        try changed.validate(dateOfBirth: dateOfBirth)
        #expect(changed.specialAuthorisation(for: firstYear + 4) == authorisation)
        #expect(changed.specialAuthorisation(for: firstYear + 5) == nil)
        #expect(changed.specialAuthorisation(for: firstYear - 1) == nil)
    }

    @Test("a trainee's record takes no special authorisation; authorisations stay oldest first")
    func traineeAndOrder() throws {
        let trainee = try Self.record(designation: .trainee)
        #expect(throws: ValidationError.self) {
            try trainee.authorising(try SpecialAuthorisation(firstYear: 2024), dateOfBirth: nil, at: Self.now)
        }
        let employment = try Self.record()
        let later = try employment.authorising(
            try SpecialAuthorisation(firstYear: 2030), dateOfBirth: nil, at: Self.now)
        let both = try later.authorising(try SpecialAuthorisation(firstYear: 2021), dateOfBirth: nil, at: Self.now)
        #expect(both.specialAuthorisations.map(\.firstYear) == [2021, 2030])
        try both.validate(dateOfBirth: nil)
        var unordered = both
        unordered.specialAuthorisations.reverse()
        #expect(EmploymentTests.fields { try unordered.validate(dateOfBirth: nil) } == ["specialAuthorisations"])
        #expect(both.specialAuthorisation(for: 2026) == nil)
        #expect(both.specialAuthorisation(for: 2025)?.firstYear == 2021)
    }
}
