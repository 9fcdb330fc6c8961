import DoseCore
import Foundation
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("A dose record's limit terms recorded: designation, pregnancy, special authorisation, and the check after")
struct RecordTermsTests {
    static let console = Caller.console(requestID: "terms-test")
    /// 20 November 2026, noon UTC: every date below is in the past.
    static let now = Date(timeIntervalSince1970: 1_795_176_000)

    static func entry(_ sievert: Sievert, _ person: PersonID, _ month: String, _ mSv: String) async throws {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        let last = try #require(DosePeriod.month(year: parts[0], month: parts[1])).end
        _ = try await sievert.doses.record(
            NewDoseEntry(
                periodBegin: "\(month)-01", periodEnd: last.iso, quantity: "effective", kind: "estimated", mSv: mSv),
            for: person, by: console)
    }

    static func kinds(_ sievert: Sievert, _ person: PersonID, code: String) async throws -> [LimitFindingKind] {
        try await sievert.alerts.list(organisation: code, by: console).filter { $0.person == person }.map(\.kind)
            .sorted { $0.rawValue < $1.rawValue }
    }

    static func invalidField(_ body: () async throws -> PersonView) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch let error as ServiceError {
            return error.validationErrors.first?.field ?? error.code
        } catch {
            return "\(error)"
        }
    }

    @Test(
        "a pregnancy declared after doses were recorded raises the budget's alert at once; it ends once",
        arguments: StoreKind.available)
    func pregnancy(kind: StoreKind) async throws {
        try await withTestRuntime(kind, clock: { Self.now }) { test in
            let sievert = test.sievert
            try await DoseAlertTests.organisation(sievert, code: "PREG")
            let person = try await DoseAlertTests.wearer(sievert, "Expecting", designation: "classified", code: "PREG")
            try await Self.entry(sievert, person, "2026-08", "0.4")
            try await Self.entry(sievert, person, "2026-09", "0.7")
            try await Self.entry(sievert, person, "2026-10", "0.5")
            #expect(try await Self.kinds(sievert, person, code: "PREG").isEmpty)

            // MUT: declared on 1 September; 1.2 mSv since then is over the 1 mSv budget.
            let declared = try await sievert.doses.declarePregnancy(
                person, PregnancyNotice(declared: "2026-09-01"), by: Self.console)
            #expect(declared.employments.first?.pregnancies.map(\.declared.iso) == ["2026-09-01"])
            #expect(declared.employments.first?.pregnancies.first?.ended == nil)
            let alerts = try await sievert.alerts.list(organisation: "PREG", by: Self.console)
            #expect(alerts.map(\.kind) == [.pregnancyBudgetExceeded])
            #expect(alerts.first?.mSv == "1.20" && alerts.first?.thresholdMSv == "1.00")

            #expect(
                await Self.invalidField {
                    try await sievert.doses.declarePregnancy(
                        person, PregnancyNotice(declared: "2026-10-01"), by: Self.console)
                } == "declared")
            let ended = try await sievert.doses.endPregnancy(
                person, PregnancyNotice(ended: "2026-11-02"), by: Self.console)
            #expect(ended.employments.first?.pregnancies.first?.ended?.iso == "2026-11-02")
            #expect(
                await Self.invalidField {
                    try await sievert.doses.endPregnancy(person, PregnancyNotice(ended: "2026-11-03"), by: Self.console)
                } == "ended")

            // The stored record reads back with the declaration; the log names the change, never the dates.
            let read = try await sievert.people.get(person, by: Self.console)
            #expect(read.employments.first?.pregnancies.first?.declared.iso == "2026-09-01")
            let events = try await sievert.store.auditEvents(actionPrefix: "employment.pregnancy", limit: 10)
            #expect(events.map(\.action).sorted() == ["employment.pregnancy-declare", "employment.pregnancy-end"])
            #expect(events.allSatisfy { $0.subjectID == person.description && !$0.outcome.contains("2026") })
            let row = try #require(try await sievert.store.person(id: person, scope: .service(actor: "test")))
            let details = try #require(row.employments.first?.sealedDetails)
            #expect(String(decoding: details, as: UTF8.self).contains("2026-09-01") == false)
        }
    }

    @Test(
        "a record under HSE's special authorisation is held to 50 mSv a year and 100 in five; another to 20",
        arguments: StoreKind.available)
    func specialAuthorisation(kind: StoreKind) async throws {
        try await withTestRuntime(kind, clock: { Self.now }) { test in
            let sievert = test.sievert
            try await DoseAlertTests.organisation(sievert, code: "AUTH")
            let authorised = try await DoseAlertTests.wearer(
                sievert, "Interventional", designation: "classified", code: "AUTH")
            let annual = try await DoseAlertTests.wearer(sievert, "Annual", designation: "classified", code: "AUTH")
            let view = try await sievert.doses.authorise(
                authorised, SpecialAuthorisationInput(firstYear: 2024), by: Self.console)
            #expect(view.employments.first?.specialAuthorisations.map(\.firstYear) == [2024])
            #expect(view.employments.first?.specialAuthorisations.first?.quantities == [.effective])

            for person in [authorised, annual] {
                try await Self.entry(sievert, person, "2024-06", "45.0")
                try await Self.entry(sievert, person, "2025-06", "45.0")
                try await Self.entry(sievert, person, "2026-03", "11.0")
            }
            // Authorised: no year over 50 mSv, but 101 mSv in 2024–2026 is over the five-year 100.
            #expect(
                try await Self.kinds(sievert, authorised, code: "AUTH") == [
                    .overFiveYearLimit, .overInvestigationLevel, .overInvestigationLevel, .overInvestigationLevel,
                ])
            let fiveYear = try await sievert.alerts.list(organisation: "AUTH", by: Self.console).first {
                $0.person == authorised && $0.kind == .overFiveYearLimit
            }
            #expect(fiveYear?.mSv == "101.00" && fiveYear?.thresholdMSv == "100.00")
            // Not authorised: 2024 and 2025 are each over the annual 20 mSv.
            #expect(
                try await Self.kinds(sievert, annual, code: "AUTH") == [
                    .overInvestigationLevel, .overInvestigationLevel, .overInvestigationLevel, .overLimit, .overLimit,
                ])

            // Only the service operator records an authorisation; bad years and quantities name their field.
            let organisation = try #require(try await sievert.store.person(id: annual, scope: .service(actor: "test")))
                .person.organisationID
            let lead = Caller(actor: "token:lead", role: .orgLead, organisations: .only([organisation]), requestID: "l")
            let refused = await #expect(throws: ServiceError.self) {
                _ = try await sievert.doses.authorise(annual, SpecialAuthorisationInput(firstYear: 2026), by: lead)
            }
            #expect(refused?.code == "forbidden")
            // The lead of the organisation may change the other terms.
            _ = try await sievert.doses.designate(
                annual, DesignationChange(designation: "classified", from: "2026-11-01"), by: lead)
            #expect(
                await Self.invalidField {
                    try await sievert.doses.authorise(
                        annual, SpecialAuthorisationInput(firstYear: 2026, quantities: ["skin"]), by: Self.console)
                } == "quantities")
            #expect(
                await Self.invalidField {
                    try await sievert.doses.authorise(
                        annual, SpecialAuthorisationInput(firstYear: 2199), by: Self.console)
                } == "firstYear")
            #expect(
                await Self.invalidField {
                    try await sievert.doses.authorise(
                        authorised, SpecialAuthorisationInput(firstYear: 2026), by: Self.console)
                } == "firstYear")
            #expect(
                await Self.invalidField {
                    try await sievert.doses.authorise(
                        annual, SpecialAuthorisationInput(employment: "not-an-id", firstYear: 2026), by: Self.console)
                } == "employment")
        }
    }

    @Test(
        "a wearer prompted for classification is designated classified, then not: the termination record follows",
        arguments: StoreKind.available)
    func designation(kind: StoreKind) async throws {
        try await withTestRuntime(kind, clock: { Self.now }) { test in
            let sievert = test.sievert
            try await DoseAlertTests.organisation(sievert, code: "DSGN")
            let person = try await DoseAlertTests.wearer(
                sievert, "Promoted", designation: "non-classified", code: "DSGN")
            try await Self.entry(sievert, person, "2026-02", "7.0")
            #expect(try await Self.kinds(sievert, person, code: "DSGN").contains(.classificationPrompt))

            let classified = try await sievert.doses.designate(
                person, DesignationChange(designation: "classified", from: "2026-03-01"), by: Self.console)
            let periods = try #require(classified.employments.first?.designations)
            #expect(periods.map(\.designation) == [.nonClassified, .classified])
            #expect(periods.first?.to?.iso == "2026-02-28" && periods.last?.to == nil)
            let employment = try #require(classified.employments.first?.id)
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.reports.termination.record(employment: employment, by: Self.console)
            }

            _ = try await sievert.doses.designate(
                person, DesignationChange(designation: "non-classified", from: "2026-10-01"), by: Self.console)
            let record = try await sievert.reports.termination.record(employment: employment, by: Self.console)
            #expect(record.terminationDate.iso == "2026-09-30" && record.reason == "classification-ended")

            #expect(
                await Self.invalidField {
                    try await sievert.doses.designate(
                        person, DesignationChange(designation: "chief", from: "2026-10-02"), by: Self.console)
                } == "designation")
            #expect(
                await Self.invalidField {
                    try await sievert.doses.designate(
                        person, DesignationChange(designation: "classified", from: "2019-01-01"), by: Self.console)
                } == "from")
            #expect(
                await Self.invalidField {
                    try await sievert.doses.designate(
                        person, DesignationChange(designation: "classified", from: "yesterday"), by: Self.console)
                } == "from")
            let events = try await sievert.store.auditEvents(actionPrefix: "employment.designate", limit: 10)
            #expect(events.count == 2)
        }
    }
}
