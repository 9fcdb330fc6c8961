import BenchmarkFixtures
import Foundation
import Logging
import SievertApp
import SievertPostgres

/// The database, data directory and shape of the load, from `SIEVERT_BENCH_*` variables.
struct ScaleSettings: Sendable {
    var app: PostgresURL
    var owner: PostgresURL
    var dataDirectory: String
    var organisations: Int
    var wearersPerOrganisation: Int
    var years: Int
    var samples: Int

    /// The last year loaded; the first is `lastYear - years + 1`.
    static let lastYear = 2025
    static let silent = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }

    init(environment: [String: String]) throws {
        func required(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw FixtureError(description: "\(name) unset")
            }
            return value
        }
        func number(_ name: String, _ value: Int) throws -> Int {
            guard let text = environment[name] else { return value }
            guard let number = Int(text), number > 0 else { throw FixtureError(description: "\(name) is not a count") }
            return number
        }
        app = try PostgresURL(try required("SIEVERT_BENCH_POSTGRES_URL"))
        owner = try PostgresURL(try required("SIEVERT_BENCH_POSTGRES_OWNER_URL"))
        dataDirectory = try required("SIEVERT_BENCH_DATA_DIR")
        organisations = try number("SIEVERT_BENCH_ORGANISATIONS", 5)
        wearersPerOrganisation = try number("SIEVERT_BENCH_WEARERS", 2000)
        years = try number("SIEVERT_BENCH_YEARS", 40)
        samples = try number("SIEVERT_BENCH_SAMPLES", 2000)
    }

    var firstYear: Int { Self.lastYear - years + 1 }
    var wearers: Int { organisations * wearersPerOrganisation }

    /// The settings a `sievert` process pointed at this database would have.
    var sievert: SievertSettings {
        SievertSettings.from(
            flags: [
                "data.dir": dataDirectory, "demo": "false", "postgres.url": app.secretDescription,
                "postgres.owner.url": owner.secretDescription, "postgres.app.role": app.username,
                "postgres.pool.size": "8",
            ], environment: [:])
    }

    func code(_ organisation: Int) -> String { "SCALE\(organisation < 10 ? "0" : "")\(organisation)" }

    var recordPath: String { (dataDirectory as NSString).appendingPathComponent("load.json") }
}

/// What the load wrote, kept in the data directory for the measurement to check against.
struct LoadRecord: Codable {
    var wearers: Int
    var entries: Int
    var entriesPerWearer: Int
    var firstWearer: String
    var lifetimeEffective: String
    var seconds: [String: Double]
}

func log(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1000 }
}
