import DoseCore
import Foundation
import Interchange
import SievertServices
import SievertTestSupport
import Testing

/// Runs the real `sievert` binary in a temporary data directory, as an operator would.
struct CLIHarness {
    let directory: String

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("sievert-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    var dataDirectory: String { directory + "/data" }

    /// The `sievert` executable built next to the test bundle.
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("sievert").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/sievert").path
    }

    /// Runs `sievert ARGS --data-dir DIR` and returns its status and output.
    @discardableResult
    func run(_ arguments: [String], dataDirectory: Bool = true) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run(
            Self.executable, arguments + (dataDirectory ? ["--data-dir", self.dataDirectory] : []),
            environment: ["SIEVERT_LOG_LEVEL": "warning"], currentDirectory: directory)
    }

    /// Writes `bytes` to a file in the temporary directory and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A people file of `count` synthetic people at organisation `code`.
    static func peopleFile(code: String, count: Int, seed: UInt64 = 5) throws -> (
        bytes: [UInt8], records: [PeopleCSVRecord]
    ) {
        var population = SyntheticPopulation(seed: seed)
        let organisation = OrganisationID.generate()
        let records = try (0..<count).map { index in
            let (person, employment) = population.person(organisationID: organisation, now: Date())
            return PeopleCSVRecord(
                line: index + 2, recordID: "REC-\(index)", organisationCode: try OrganisationCode(code),
                staffNumber: employment.staffNumber, identity: person.identity, contact: person.contact,
                status: .active, dateOfDeath: nil, updatedAt: nil)
        }
        return (PeopleCSV.write(records), records)
    }
}

func withCLI(_ body: (CLIHarness) async throws -> Void) async throws {
    let harness = try CLIHarness()
    defer { harness.remove() }
    try await body(harness)
}
