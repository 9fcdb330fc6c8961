import Foundation
import Interchange
import Linkage
import SievertTestSupport
import Testing

/// `sievert breach generate`: the synthetic people file and truth that `scripts/linkage-peers` and the
/// million-record measurement run `breach cleanse` on.
@Suite("sievert breach generate")
struct BreachGenerateCLITests {
    static func rows(_ path: String) throws -> [[String]] {
        CSVReader.rows(in: try Data(contentsOf: URL(fileURLWithPath: path))).compactMap { try? $0.get().fields }
    }

    @Test("writes a people file and the true person of each of its records; the same seed writes the same bytes")
    func generates() async throws {
        try await withCLI { cli in
            // setup
            func generate(_ name: String) async throws -> (status: Int32, people: String, truth: String) {
                let people = cli.directory + "/\(name).csv"
                let truth = cli.directory + "/\(name)-truth.csv"
                let result = try await cli.run(
                    ["breach", "generate", "--records", "800", "--seed", "5", "--output", people, "--truth", truth],
                    dataDirectory: false)
                return (result.status, people, truth)
            }
            // MUT
            let first = try await generate("first")
            let second = try await generate("second")
            // validate
            #expect(first.status == 0 && second.status == 0)
            let people = try Self.rows(first.people)
            let truth = try Self.rows(first.truth)
            #expect(people.first == PeopleCSV.header)
            #expect(truth.first == ["record_id", "person_id"])
            #expect(people.count == truth.count && people.count > 800)
            #expect(zip(people.dropFirst(), truth.dropFirst()).allSatisfy { $0.first == $1.first })
            #expect(Set(truth.dropFirst().map { $0[1] }).count < truth.count - 100)
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: first.people))
                    == Data(contentsOf: URL(fileURLWithPath: second.people)))
            let attributes = try FileManager.default.attributesOfItem(atPath: first.truth)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test("the file it writes is one breach cleanse reads, and it never overwrites a file")
    func cleanseReadsIt() async throws {
        try await withCLI { cli in
            // setup
            let people = cli.directory + "/people.csv"
            let truth = cli.directory + "/truth.csv"
            let arguments = ["breach", "generate", "--records", "1000", "--output", people, "--truth", truth]
            #expect(try await cli.run(arguments, dataDirectory: false).status == 0)
            // MUT
            let output = cli.directory + "/clusters.csv"
            let cleanse = try await cli.run(
                ["breach", "cleanse", "--input", people, "--output", output], dataDirectory: false)
            let again = try await cli.run(arguments, dataDirectory: false)
            // validate
            #expect(cleanse.status == 0, "\(cleanse.errorText)")
            let clusters = try Self.rows(output).dropFirst()
            let persons = Dictionary(uniqueKeysWithValues: try Self.rows(truth).dropFirst().map { ($0[0], $0[1]) })
            let evaluation = PairwiseEvaluation(
                predicted: clusters.map { $0[1] }, truth: clusters.map { persons[$0[0]] ?? "" })
            #expect(evaluation.f1 >= 0.98, "F1 \(evaluation.f1)")
            #expect(again.status == 1)
            #expect(again.errorText.contains("already exists"))
        }
    }
}
