import DoseCore
import Foundation
import SievertServices

/// A small population with known doses for the report tests, built through the use cases: organisation RPTA with
/// four wearers and a canary, and RPTB with one wearer. `doses` lists every entry made, so a test can add up what a
/// report should say without asking the code under test.
public struct ReportPopulation: Sendable {
    /// One dose entry as made: whose, which record, the wear month, the quantity and the amount in µSv.
    public struct Made: Sendable {
        public var person: PersonID
        public var employment: EmploymentID
        public var month: String
        public var quantity: Quantity
        public var microsieverts: Int64
        public var belowReportingLevel = false
        public var notional = false
    }

    public var ids: [String: PersonID] = [:]
    public var employments: [String: EmploymentID] = [:]
    public var doses: [Made] = []

    /// The NINO given to Aberdaron (classified at RPTA), the one a CIDI return must carry.
    public static let aberdaronNINO = "JG103759A"
    /// A surname a spreadsheet would run as a formula.
    public static let formulaSurname = "=HYPERLINK(\"http://example.invalid\")"
    /// A department that would be markup if it were not escaped.
    public static let markupDepartment = "<script>alert(1)</script>"

    public static func seed(_ sievert: Sievert) async throws -> ReportPopulation {
        let console = Caller.console(requestID: "report-seed")
        for (code, kind) in [("RPTA", "nhs-trust"), ("RPTB", "dental")] {
            _ = try await sievert.organisations.register(
                NewOrganisation(code: code, name: "Report \(code) & Co", kind: kind), by: console)
        }
        var population = ReportPopulation()
        func register(
            _ surname: String, at code: String, staff: String, designation: String, start: String = "2015-01-01",
            nino: String? = nil, department: String = "Radiology", canary: Bool = false
        ) async throws {
            var input = NewPerson(surname: surname)
            input.forenames = "Test"
            input.dateOfBirth = "1980-04-01"
            input.sex = "F"
            input.nino = nino
            input.staffNumber = staff
            input.department = department
            input.designation = designation
            input.startDate = start
            input.canary = canary
            let person = try await sievert.people.register(input, in: code, by: console)
            population.ids[surname] = person.id
            population.employments[surname] = person.employments.first?.id
        }
        try await register("Aberdaron", at: "RPTA", staff: "A1", designation: "classified", nino: Self.aberdaronNINO)
        try await register("Bala", at: "RPTA", staff: "B1", designation: "non-classified")
        try await register("Caerau", at: "RPTA", staff: "C1", designation: "classified")
        try await register(
            Self.formulaSurname, at: "RPTA", staff: "D1", designation: "classified", department: Self.markupDepartment)
        try await register("Canarywharf", at: "RPTA", staff: "K1", designation: "classified", canary: true)
        try await register("Efail", at: "RPTB", staff: "E1", designation: "classified")

        func record(
            _ surname: String, _ month: String, _ quantity: Quantity, _ mSv: String?, kind: String = "estimated"
        )
            async throws
        {
            guard let person = population.ids[surname], let employment = population.employments[surname],
                let period = DosePeriod.month(
                    year: Int(month.prefix(4)) ?? 0, month: Int(month.suffix(2)) ?? 0)
            else { throw ValidationError(field: "seed", reason: "bad seed") }
            let view = try await sievert.doses.record(
                NewDoseEntry(
                    periodBegin: period.begin.iso, periodEnd: period.end.iso, quantity: quantity.rawValue, kind: kind,
                    mSv: mSv),
                for: person, by: console)
            population.doses.append(
                Made(
                    person: person, employment: employment, month: month, quantity: quantity,
                    microsieverts: try Dose(mSv: view.mSv).microsieverts, notional: kind == "notional"))
        }
        try await record("Aberdaron", "2025-12", .effective, "1.000")
        try await record("Aberdaron", "2026-01", .effective, "0.300")
        try await record("Aberdaron", "2026-02", .effective, "0.200", kind: "accident")
        try await record("Aberdaron", "2026-03", .extremity, "2.500")
        try await record("Aberdaron", "2026-03", .neutron, "0.050")
        try await record("Bala", "2026-03", .effective, nil, kind: "notional")
        try await record("Caerau", "2019-02", .effective, "0.700")
        try await record("Caerau", "2021-06", .effective, "4.000")
        try await record("Caerau", "2024-05", .effective, "3.000")
        try await record("Caerau", "2025-03", .effective, "1.500")
        try await record("Caerau", "2025-03", .lens, "2.000")
        try await record(Self.formulaSurname, "2026-03", .effective, "0.100")
        try await record("Canarywharf", "2026-03", .effective, "9.000")
        try await record("Efail", "2026-03", .effective, "5.000")
        // Aberdaron's March badge from the lab: Hp(10) below the reporting level, Hp(0.07) 0.40 mSv, no Hp(3).
        guard let aberdaron = population.ids["Aberdaron"], let record = population.employments["Aberdaron"] else {
            throw ValidationError(field: "seed", reason: "bad seed")
        }
        let code = try await sievert.participants.codes(for: aberdaron, by: console)[record] ?? ""
        let file = """
            serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version
            CTRL-1,,control,none,2026-03-01,2026-03-31,0.00,0.00,,,1
            WB-1,\(code),whole-body,chest,2026-03-01,2026-03-31,M,0.40,,,1
            """
        let imported = try await sievert.readingsImport.run(
            Array(file.utf8), organisationCode: "RPTA", by: console)
        guard imported.committed, imported.problems.isEmpty else {
            throw ValidationError(field: "seed", reason: "lab file refused: \(imported.problems)")
        }
        population.doses.append(
            Made(
                person: aberdaron, employment: record, month: "2026-03", quantity: .effective, microsieverts: 0,
                belowReportingLevel: true))
        population.doses.append(
            Made(person: aberdaron, employment: record, month: "2026-03", quantity: .skin, microsieverts: 400))
        if let caerau = population.ids["Caerau"] {
            _ = try await sievert.people.markLeft(caerau, on: try CalendarDate(iso: "2025-06-30"), by: console)
        }
        return population
    }

    /// The sum in mSv text of the entries made for `surname` of the quantities counting against `quantity`, whose
    /// month passes `months`.
    public func total(_ surname: String, _ quantity: LimitedQuantity, months: (String) -> Bool) -> String {
        let sum = doses.filter {
            $0.person == ids[surname] && $0.quantity.limited == quantity && months($0.month)
        }.reduce(Int64(0)) { $0 + $1.microsieverts }
        return Dose(microsieverts: sum).mSvText
    }
}
