import Foundation

// postgres-scale load | measure
// Loads a national-scale dose record into PostgreSQL and measures it, as scripts/bench-postgres-scale runs it:
//   load     registers the organisations and their people through the services, then writes every wearer's monthly
//            dose entries over decades: the first year through the store's own insert, the rest through COPY into a
//            temporary table and one INSERT … SELECT per month as the application role (row-level security, the
//            references and the id trigger all apply). Amounts are sealed exactly as the service seals them.
//   measure  the wearer's lifetime history through the real service (read, decrypt, accumulate, audit), one caller
//            and eight at once; an organisation's period report and annual summary; the CIDI return.
// Settings come from the environment (never flags, so the URLs stay out of `ps`):
//   SIEVERT_BENCH_POSTGRES_URL        application role, the database to load
//   SIEVERT_BENCH_POSTGRES_OWNER_URL  owner role of that database (migrations, partitions, VACUUM)
//   SIEVERT_BENCH_DATA_DIR            a data directory for the root key and the load's record (made by load)
//   SIEVERT_BENCH_ORGANISATIONS       organisations (default 5)
//   SIEVERT_BENCH_WEARERS             wearers per organisation (default 2000)
//   SIEVERT_BENCH_YEARS               years of monthly entries, ending with 2025 (default 40: 1,000 entries a wearer)
//   SIEVERT_BENCH_SAMPLES             history calls measured one at a time (default 2000)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("postgres-scale: \(message)\n".utf8))
    exit(64)
}

let mode = CommandLine.arguments.dropFirst().first
do {
    let settings = try ScaleSettings(environment: ProcessInfo.processInfo.environment)
    switch mode {
    case "load": try await ScaleLoader(settings: settings).run()
    case "measure": try await ScaleMeasure(settings: settings).run()
    default: fail("usage: postgres-scale load | measure (settings in SIEVERT_BENCH_* variables)")
    }
} catch {
    fail("\(error)")
}
