import DoseCore
import Foundation
import Interchange
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// The reports the service owes, on a seeded population whose expected figures are added up here from the entries
/// made, on both stores.
@Suite("Reports")
struct ReportTests {
    static let console = Caller.console(requestID: "report-test")

    static func lead(_ sievert: Sievert, _ code: String) async throws -> Caller {
        let organisation = try #require(try await sievert.organisations.list(by: console).first { $0.code == code })
        return Caller(
            actor: "token:lead-\(code)", role: .orgLead, organisations: .only([organisation.id]), requestID: "r")
    }

    static func row(_ report: PeriodDoseReport, _ person: PersonID?) throws -> PeriodDoseRow {
        try #require(report.rows.first { $0.person == person })
    }

    static func dose(_ row: PeriodDoseRow, _ quantity: LimitedQuantity) throws -> PeriodQuantityDose {
        try #require(row.doses.first { $0.quantity == quantity })
    }

    @Test(
        "the period report: one row per record open or dosed in the month, with the month, QTD and YTD",
        arguments: StoreKind.available)
    func periodReport(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let lead = try await Self.lead(sievert, "RPTA")

            let report = try await sievert.reports.period.report(organisationCode: "rpta", period: "2026-03", by: lead)

            #expect(report.periodBegin.iso == "2026-03-01" && report.periodEnd.iso == "2026-03-31")
            // Caerau left in 2025, the canary is never reported, RPTB's wearer belongs to another customer.
            let expected = ["Aberdaron", "Bala", ReportPopulation.formulaSurname].compactMap { seeded.ids[$0] }
            #expect(Set(report.rows.map(\.person)) == Set(expected))
            #expect(report.rows.count == 3)
            for (surname, flags) in [("Aberdaron", (true, false)), ("Bala", (false, true))] {
                let row = try Self.row(report, seeded.ids[surname])
                #expect(row.staffNumber == (surname == "Aberdaron" ? "A1" : "B1"))
                for quantity in LimitedQuantity.allCases {
                    let dose = try Self.dose(row, quantity)
                    let month = seeded.doses.filter {
                        $0.person == seeded.ids[surname] && $0.quantity.limited == quantity && $0.month == "2026-03"
                    }
                    #expect(
                        dose.periodDose == (month.isEmpty ? nil : seeded.total(surname, quantity) { $0 == "2026-03" }))
                    #expect(
                        dose.quarterToDate == seeded.total(surname, quantity) { $0 >= "2026-01" && $0 <= "2026-03" })
                    #expect(dose.yearToDate == seeded.total(surname, quantity) { $0.hasPrefix("2026") })
                    if quantity == .effective {
                        #expect(dose.belowReportingLevel == flags.0 && dose.notional == flags.1)
                    }
                }
            }
            let aberdaron = try Self.row(report, seeded.ids["Aberdaron"])
            // Hp(10) photon below the reporting level plus 0.05 neutron, after 0.30 and 0.20 earlier in the quarter.
            #expect(try Self.dose(aberdaron, .effective).periodDose == "0.05")
            #expect(try Self.dose(aberdaron, .effective).quarterToDate == "0.55")
            #expect(try Self.dose(aberdaron, .lens).periodDose == nil)
            #expect(aberdaron.designation == "classified")
            let bala = try Self.row(report, seeded.ids["Bala"])
            #expect(try Self.dose(bala, .effective).periodDose == "1.667")  // 20 mSv / 12, a non-classified adult

            // A month with nothing: everyone still employed is listed, with no period doses.
            let june = try await sievert.reports.period.report(organisationCode: "RPTA", period: "2024-06", by: lead)
            #expect(
                Set(june.rows.map(\.person))
                    == Set(
                        ["Aberdaron", "Bala", "Caerau", ReportPopulation.formulaSurname].compactMap { seeded.ids[$0] }))
            #expect(june.rows.allSatisfy { $0.doses.allSatisfy { $0.periodDose == nil } })
            let caerau = try Self.row(june, seeded.ids["Caerau"])
            #expect(try Self.dose(caerau, .effective).quarterToDate == "3.00")
        }
    }

    @Test("the period report is audited per person and its CSV neutralises formulas; the HTML escapes everything")
    func periodAuditAndDocuments() async throws {
        try await withTestRuntime(.sqlite) { test in
            let sievert = test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let lead = try await Self.lead(sievert, "RPTA")
            let report = try await sievert.reports.period.report(organisationCode: "RPTA", period: "2026-03", by: lead)

            let reads = try await sievert.store.auditEvents(actionPrefix: "dose.read", limit: 1000)
                .filter { $0.actor == lead.actor && $0.purpose == "report" }
            #expect(Set(reads.compactMap(\.subjectID)) == Set(report.rows.map(\.person.description)))
            #expect(reads.count == 3)
            let summary = try await sievert.store.auditEvents(actionPrefix: "report.period", limit: 10)
            #expect(summary.count == 1 && summary.first?.outcome == "period=2026-03,rows=3")
            #expect(try await sievert.store.auditEvents(actionPrefix: "alert.canary", limit: 10).isEmpty)

            let csv = try report.document(.csv)
            #expect(csv.contentType == "text/csv; charset=utf-8")
            let rows = CSVReader.rows(in: csv.bytes).compactMap { try? $0.get().fields }
            #expect(rows.first == PeriodDoseReport.csvHeader)
            let hostile = try #require(
                rows.first { $0.last == seeded.employments[ReportPopulation.formulaSurname]?.description })
            #expect(hostile[0] == "'" + ReportPopulation.formulaSurname)
            #expect(rows.allSatisfy { $0.allSatisfy { !"=+-@".contains($0.first ?? " ") } })
            let aberdaron = try #require(rows.first { $0.first == "Aberdaron" })
            let effective = try #require(PeriodDoseReport.csvHeader.firstIndex(of: "effective_flags"))
            #expect(aberdaron[effective] == "M")

            let html = String(decoding: try report.document(.html).bytes, as: UTF8.self)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.lowercased().contains("<script"))
            #expect(html.contains("Report RPTA &amp; Co"))
            #expect(html.contains("@media print"))
            // No external asset of any kind: no link, no source, no url().
            #expect(
                !html.contains("<link") && !html.contains("src=") && !html.contains("url(") && !html.contains("@import")
            )
            #expect(html.contains("Aberdaron") && !html.contains("Efail") && !html.contains("Canarywharf"))
            for name in ReportTemplates.names {
                let source = try ReportTemplates.source(name)
                #expect(!source.contains("{{{") && !source.contains("{{&"), "\(name) has an unescaped value")
            }
        }
    }

    @Test(
        "another organisation's lead finds no report; roles without the right are refused",
        arguments: StoreKind.available)
    func tenantIsolation(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let leadB = try await Self.lead(sievert, "RPTB")
            for call in [
                { _ = try await sievert.reports.period.report(organisationCode: "RPTA", period: "2026-03", by: leadB) },
                { _ = try await sievert.reports.annual.summary(organisationCode: "RPTA", year: "2026", by: leadB) },
                {
                    _ = try await sievert.reports.termination.record(
                        employment: try #require(seeded.employments["Caerau"]), by: leadB)
                },
            ] as [() async throws -> Void] {
                let error = await #expect(throws: ServiceError.self) { try await call() }
                #expect(error?.code == "not-found")
            }
            let own = try await sievert.reports.period.report(organisationCode: "RPTB", period: "2026-03", by: leadB)
            #expect(own.rows.map(\.person) == [seeded.ids["Efail"]].compactMap { $0 })
            #expect(try Self.dose(try #require(own.rows.first), .effective).periodDose == "5.00")
            let wearer = Caller(
                actor: "wearer", role: .wearer, organisations: .only([]), requestID: "r", person: seeded.ids["Bala"])
            let refused = await #expect(throws: ServiceError.self) {
                _ = try await sievert.reports.period.report(organisationCode: "RPTA", period: "2026-03", by: wearer)
            }
            #expect(refused?.code == "forbidden")
            let cidi = await #expect(throws: ServiceError.self) {
                _ = try await sievert.reports.cidi.export(year: "2026", by: leadB)
            }
            #expect(cidi?.code == "forbidden")
        }
    }

    @Test(
        "bad parameters name the field at fault",
        arguments: ["2026-13", "2026-3", "26-03", "", "2026-03-01", "２０２６-03", String(repeating: "9", count: 100_000)])
    func badPeriod(text: String) async throws {
        try await withTestRuntime(.sqlite) { test in
            _ = try await ReportPopulation.seed(test.sievert)
            let error = await #expect(throws: ServiceError.self) {
                _ = try await test.sievert.reports.period.report(
                    organisationCode: "RPTA", period: text, by: Self.console)
            }
            #expect(error?.validationErrors.map(\.field) == ["period"])
            let year = await #expect(throws: ServiceError.self) {
                _ = try await test.sievert.reports.annual.summary(
                    organisationCode: "RPTA", year: text, by: Self.console)
            }
            #expect(year?.validationErrors.map(\.field) == ["year"])
            let format = #expect(throws: ServiceError.self) {
                _ = try ReportFormat.parse(text, default: .csv, allowed: [.csv, .html])
            }
            #expect(format?.validationErrors.map(\.field) == ["format"])
            let unknown = await #expect(throws: ServiceError.self) {
                _ = try await test.sievert.reports.period.report(
                    organisationCode: "NOPE", period: "2026-03", by: Self.console)
            }
            #expect(unknown?.code == "not-found")
        }
    }

    @Test("the annual summary: each of the last five years and their sum per person", arguments: StoreKind.available)
    func annualSummary(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let summary = try await sievert.reports.annual.summary(
                organisationCode: "RPTA", year: "2026", by: try await Self.lead(sievert, "RPTA"))
            #expect(summary.years == [2022, 2023, 2024, 2025, 2026])
            let expected = ["Aberdaron", "Bala", "Caerau", ReportPopulation.formulaSurname].compactMap {
                seeded.ids[$0]
            }
            #expect(Set(summary.rows.map(\.person)) == Set(expected) && summary.rows.count == 4)
            for surname in ["Aberdaron", "Bala", "Caerau"] {
                let row = try #require(summary.rows.first { $0.person == seeded.ids[surname] })
                for line in row.lines {
                    #expect(
                        line.perYear
                            == summary.years.map { year in
                                seeded.total(surname, line.quantity) { $0.hasPrefix("\(year)") }
                            })
                    #expect(line.fiveYears == seeded.total(surname, line.quantity) { $0 >= "2022" && $0 < "2027" })
                }
            }
            let caerau = try #require(summary.rows.first { $0.person == seeded.ids["Caerau"] })
            #expect(caerau.lines.first { $0.quantity == .effective }?.fiveYears == "4.50")  // 2021 is outside

            let csv = CSVReader.rows(in: try summary.document(.csv).bytes).compactMap { try? $0.get().fields }
            #expect(csv.first?.contains("effective_2022_msv") == true && csv.first?.contains("lens_5y_msv") == true)
            #expect(csv.count == 5)
            let html = String(decoding: try summary.document(.html).bytes, as: UTF8.self)
            #expect(html.contains("Caerau") && !html.lowercased().contains("<script"))
        }
    }

    @Test(
        "a termination record when a classified person leaves; none while they stay classified",
        arguments: StoreKind.available)
    func terminationRecord(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let lead = try await Self.lead(sievert, "RPTA")
            let employment = try #require(seeded.employments["Caerau"])

            let record = try await sievert.reports.termination.record(employment: employment, by: lead)
            #expect(record.person == seeded.ids["Caerau"])
            #expect(record.terminationDate.iso == "2025-06-30" && record.reason == "employment-ended")
            #expect(record.employmentStart.iso == "2015-01-01" && record.finalYear == 2025)
            #expect(record.designations.map(\.designation) == ["classified"])
            #expect(record.designations.first?.to?.iso == "2025-06-30")
            for dose in record.doses {
                #expect(dose.finalYear == seeded.total("Caerau", dose.quantity) { $0.hasPrefix("2025") })
                #expect(dose.wholeEmployment == seeded.total("Caerau", dose.quantity) { _ in true })
                #expect(dose.fiveYears == seeded.total("Caerau", dose.quantity) { $0 >= "2021" && $0 < "2026" })
                #expect(dose.lifetime == seeded.total("Caerau", dose.quantity) { _ in true })
            }
            #expect(record.doses.first { $0.quantity == .effective }?.fiveYears == "8.50")
            // Given with the person it is the same record; with someone else's person id it is not found.
            let again = try await sievert.reports.termination.record(
                employment: employment, person: seeded.ids["Caerau"], by: lead)
            #expect(again.doses == record.doses)
            let mismatched = await #expect(throws: ServiceError.self) {
                _ = try await sievert.reports.termination.record(
                    employment: employment, person: seeded.ids["Bala"], by: lead)
            }
            #expect(mismatched?.code == "not-found")

            let read = try await sievert.store.auditEvents(actionPrefix: "dose.read", limit: 100)
                .filter { $0.purpose == "termination-record" }
            #expect(read.count == 2 && read.allSatisfy { $0.subjectID == seeded.ids["Caerau"]?.description })

            for surname in ["Aberdaron", "Bala"] {
                let error = await #expect(throws: ServiceError.self) {
                    _ = try await sievert.reports.termination.record(
                        employment: try #require(seeded.employments[surname]), by: lead)
                }
                #expect(error?.code == "conflict")
            }
            let html = String(decoding: try record.document(.html).bytes, as: UTF8.self)
            #expect(html.contains("2025-06-30") && html.contains("Caerau") && html.contains("8.50"))
            #expect(!html.contains(ReportPopulation.aberdaronNINO))
        }
    }

    @Test(
        "the CIDI return: classified records of the year across the service, NINOs in clear, audited as an export",
        arguments: StoreKind.available)
    func cidiReturn(kind: StoreKind) async throws {
        try await withTestRuntime(kind, flags: ["alert.export.rows": "2"]) { test in
            let sievert = test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let export = try await sievert.reports.cidi.export(year: "2026", by: Self.console)
            let rows = CSVReader.rows(in: export.csv).compactMap { try? $0.get().fields }
            #expect(rows.first == CIDIReturns.header)
            // Classified in 2026: Aberdaron, the formula-named wearer (RPTA) and Efail (RPTB); never the canary.
            #expect(export.rows == 3 && export.people == 3 && rows.count == 4)
            let aberdaron = try #require(rows.first { $0[1] == "Aberdaron" })
            #expect(aberdaron[0] == ReportPopulation.aberdaronNINO)
            #expect(aberdaron[5] == "RPTA" && aberdaron[7] == "2026")
            let effective = seeded.total("Aberdaron", .effective) { $0.hasPrefix("2026") }
            let skin = seeded.total("Aberdaron", .skin) { $0.hasPrefix("2026") }
            let extremity = seeded.total("Aberdaron", .extremity) { $0.hasPrefix("2026") }
            #expect(Array(aberdaron[10...]) == [effective, "0.00", skin, extremity])
            #expect(rows.contains { $0[1] == "'" + ReportPopulation.formulaSurname })
            #expect(rows.contains { $0[1] == "Efail" && $0[10] == "5.00" })
            #expect(!rows.contains { $0[1] == "Canarywharf" || $0[1] == "Bala" || $0[1] == "Caerau" })

            let exported = try await sievert.store.auditEvents(actionPrefix: "dose.export", limit: 100)
            let classified = ["Aberdaron", ReportPopulation.formulaSurname, "Efail"].compactMap {
                seeded.ids[$0]?.description
            }
            #expect(Set(exported.compactMap(\.subjectID)) == Set(classified) && exported.count == 3)
            let summary = try await sievert.store.auditEvents(actionPrefix: "cidi.export", limit: 10)
            #expect(summary.map(\.outcome) == ["year=2026,rows=3,people=3"])
            #expect(try await sievert.store.auditEvents(actionPrefix: "alert.export", limit: 10).count == 1)

            // 2025: Caerau was classified until leaving in June.
            let earlier = try await sievert.reports.cidi.export(year: "2025", by: Self.console)
            let caerau = try #require(
                CSVReader.rows(in: earlier.csv).compactMap { try? $0.get().fields }.first { $0[1] == "Caerau" })
            #expect(caerau[8] == "2025-01-01" && caerau[9] == "2025-06-30")
            #expect(caerau[10] == "1.50" && caerau[11] == "2.00")
        }
    }
}
