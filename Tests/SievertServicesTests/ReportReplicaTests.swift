import DoseCore
import Foundation
import SievertApp
import SievertPostgres
import SievertServices
import SievertTestSupport
import Testing

/// `postgres.replica.url` sends the reports' reads to a replica, with no change to the services. The replica here is
/// a copy of the primary's database made after seeding (a streaming replica would be the same rows a moment later);
/// a dose recorded on the primary after the copy shows which server each read came from.
@Suite("Reports from a replica")
struct ReportReplicaTests {
    static var enabled: Bool { StoreKind.available.contains(.postgres) }

    @Test(
        "with a replica URL the period report adds up the replica's entries; the dose record reads the primary",
        .enabled(if: enabled))
    func periodReportReadsTheReplica() async throws {
        try await withTestRuntime(.postgres) { test in
            // setup
            let seeded = try await ReportPopulation.seed(test.sievert)
            let lead = try await ReportTests.lead(test.sievert, "RPTA")
            let aberdaron = try #require(seeded.ids["Aberdaron"])
            await test.runtime.close()
            let owner = try PostgresURL(try #require(test.postgresOwner))
            let copy = try await PostgresTestDatabase.copy(owner)
            var settings = test.runtime.settings
            let app = try PostgresURL(try #require(settings.postgresURL))
            let replica = try #require(copy.database)
            settings.postgresReplicaURL = app.with(database: replica).secretDescription
            let runtime = try await SievertRuntime.open(settings, logger: TestLog.quiet)
            do {
                let console = Caller.console(requestID: "after-copy")
                _ = try await runtime.sievert.doses.record(
                    NewDoseEntry(
                        periodBegin: "2026-03-01", periodEnd: "2026-03-31", quantity: "effective", kind: "estimated",
                        mSv: "0.700"),
                    for: aberdaron, by: console)

                // MUT
                let report = try await runtime.sievert.reports.period.report(
                    organisationCode: "RPTA", period: "2026-03", by: lead)
                let history = try await runtime.sievert.doses.history(of: aberdaron, by: console)

                // validate: 0.05 mSv in March as seeded (the replica), though the primary now holds 0.75.
                let row = try ReportTests.row(report, aberdaron)
                #expect(try ReportTests.dose(row, .effective).periodDose == "0.05")
                #expect(
                    try ReportTests.dose(row, .effective).periodDose
                        == seeded.total("Aberdaron", .effective) {
                            $0 == "2026-03"
                        })
                let march = history.entries.filter { $0.periodEnd.iso == "2026-03-31" && $0.quantity == .effective }
                #expect(march.contains { (try? Dose(mSv: $0.mSv))?.microsieverts == 700 })
                await runtime.close()
            } catch {
                await runtime.close()
                await PostgresTestDatabase.drop(copy)
                throw error
            }
            await PostgresTestDatabase.drop(copy)
        }
    }
}
