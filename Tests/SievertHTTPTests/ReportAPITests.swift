import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertServices
import SievertTestSupport
import Testing

@Suite("Reports API")
struct ReportAPITests {
    @Test(
        "reports over a real socket: CSV, HTML and JSON for the organisation's lead, 404 for another's, problems for bad parameters"
    )
    func reports() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let seeded = try await ReportPopulation.seed(sievert)
            let console = Caller.console()
            let leadA = try await sievert.tokens.issue(
                role: .orgLead, organisationCode: "RPTA", validFor: 1, by: console
            ).token
            let leadB = try await sievert.tokens.issue(
                role: .orgLead, organisationCode: "RPTB", validFor: 1, by: console
            ).token
            let caerau = try #require(seeded.ids["Caerau"])
            let record = try #require(seeded.employments["Caerau"])
            try await fixture.app.testOnSocket { client in
                let csv = try await client.call(
                    "/api/v1/organisations/RPTA/reports/period?period=2026-03&format=csv", token: leadA)
                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.headers[.contentDisposition] == "attachment; filename=\"dose-report-RPTA-2026-03.csv\"")
                #expect(csv.headers[.cacheControl] == "no-store")
                let lines = csv.text.split(separator: "\r\n")
                #expect(
                    lines.count == 4
                        && lines.first.map(String.init) == PeriodDoseReport.csvHeader.joined(separator: ","))
                #expect(!csv.text.contains("Efail") && !csv.text.contains("Canarywharf"))

                let html = try await client.call(
                    "/api/v1/organisations/RPTA/reports/period?period=2026-03&format=html", token: leadA)
                #expect(html.headers[.contentType] == "text/html; charset=utf-8")
                #expect(html.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
                #expect(html.text.contains("&lt;script&gt;") && !html.text.contains("<script"))

                let json = try await client.call(
                    "/api/v1/organisations/RPTA/reports/annual?year=2026", token: fixture.admin)
                #expect(try json.json(AnnualDoseSummary.self).rows.count == 4)

                // Another organisation's lead: the same answer as for an organisation that does not exist.
                for path in [
                    "/api/v1/organisations/RPTA/reports/period?period=2026-03&format=csv",
                    "/api/v1/organisations/RPTA/reports/annual?year=2026",
                    "/api/v1/people/\(caerau)/employments/\(record)/termination-record",
                ] {
                    let foreign = try await client.call(path, token: leadB)
                    #expect(foreign.status == .notFound, "\(path)")
                    #expect(!foreign.text.contains("Aberdaron") && !foreign.text.contains("Caerau"))
                }
                let own = try await client.call(
                    "/api/v1/organisations/RPTB/reports/period?period=2026-03", token: leadB)
                #expect(try own.json(PeriodDoseReport.self).rows.map(\.surname) == ["Efail"])

                for (query, field) in [
                    ("period=2026-13", "period"), ("period=%3D1%2B1", "period"), ("", "period"),
                    ("period=2026-03&format=pdf", "format"),
                ] {
                    let bad = try await client.call(
                        "/api/v1/organisations/RPTA/reports/period?\(query)", token: leadA)
                    #expect(bad.status == .unprocessableContent, "\(query)")
                    #expect(try bad.problem().errors?.map(\.field) == [field])
                }
                let badYear = try await client.call("/api/v1/organisations/RPTA/reports/annual?year=1851", token: leadA)
                #expect(try badYear.problem().errors?.map(\.field) == ["year"])

                let termination = try await client.call(
                    "/api/v1/people/\(caerau)/employments/\(record)/termination-record?format=html", token: leadA)
                #expect(termination.status == .ok && termination.text.contains("2025-06-30"))
                let open = try await client.call(
                    "/api/v1/people/\(try #require(seeded.ids["Aberdaron"]))/employments/\(try #require(seeded.employments["Aberdaron"]))/termination-record",
                    token: leadA)
                #expect(open.status == .conflict)
                #expect(try open.problem().status == 409)

                let cidi = try await client.call("/api/v1/exports/cidi?year=2026", token: fixture.admin)
                #expect(cidi.status == .ok && cidi.text.contains(ReportPopulation.aberdaronNINO))
                #expect(cidi.headers[.contentDisposition] == "attachment; filename=\"cidi-2026.csv\"")
                #expect(try await client.call("/api/v1/exports/cidi?year=2026", token: leadA).status == .forbidden)
                let badCIDI = try await client.call("/api/v1/exports/cidi?year=twenty", token: fixture.admin)
                #expect(try badCIDI.problem().errors?.map(\.field) == ["year"])
            }
        }
    }
}
