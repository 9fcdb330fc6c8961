import Foundation
import Interchange
import Linkage
import SievertTestSupport
import Testing

/// `sievert breach cleanse`: any people CSV in, one row per record out, with no server or data directory.
@Suite("sievert breach cleanse")
struct BreachCleanseCLITests {
    /// A generated RPS-like people file (several employers, typos, married names, missing NINOs, dummies,
    /// deceased people) in the people CSV format, with the true person of every row.
    static func file(records: Int) -> (bytes: [UInt8], truth: [String: Int]) {
        let set = SyntheticLinkageSet(recordCount: records, organisations: 6, seed: 11)
        var writer = CSVWriter()
        writer.append(PeopleCSV.header)
        var truth: [String: Int] = [:]
        for (record, person) in zip(set.records, set.truePerson) {
            truth[record.recordID] = person
            writer.append([
                record.recordID, record.organisation, record.staffNumber ?? "", record.forenames ?? "",
                record.surname ?? "", record.dateOfBirth?.description ?? "", record.sex ?? "", record.nino ?? "",
                record.email ?? "", record.phone ?? "", record.address ?? "", record.postcode ?? "",
                record.status ?? "", record.dateOfDeath?.description ?? "", record.updatedAt ?? "",
            ])
        }
        return (writer.bytes, truth)
    }

    @Test("a generated file is clustered into people with precision and recall of at least 0.99")
    func clusters() async throws {
        try await withCLI { cli in
            let (bytes, truth) = Self.file(records: 3000)
            let input = try cli.file("breach.csv", bytes)
            let output = cli.directory + "/clusters.csv"
            let result = try await cli.run(
                ["breach", "cleanse", "--input", input, "--output", output], dataDirectory: false)
            #expect(result.status == 0, "\(result.errorText)")
            #expect(result.outputText.contains("3000 records"))
            let rows = CSVReader.rows(in: try Data(contentsOf: URL(fileURLWithPath: output))).compactMap {
                try? $0.get()
            }
            #expect(rows.first?.fields == ["record_id", "person_id", "disposition", "contact_record_id"])
            let body = rows.dropFirst()
            #expect(body.count == 3000)
            #expect(Set(body.map(\.fields[0])) == Set(truth.keys))
            #expect(body.allSatisfy { ["notify", "dummy", "deceased", "unidentifiable"].contains($0.fields[2]) })
            #expect(body.allSatisfy { ($0.fields[2] == "notify") || $0.fields[3].isEmpty })
            let evaluation = PairwiseEvaluation(
                predicted: body.map(\.fields[1]), truth: body.map { truth[$0.fields[0]] ?? -1 })
            #expect(evaluation.precision >= 0.99, "precision \(evaluation.precision)")
            #expect(evaluation.recall >= 0.99, "recall \(evaluation.recall)")
            let attributes = try FileManager.default.attributesOfItem(atPath: output)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test("dirty values the importer would refuse are kept for the linkage to judge")
    func dirtyValues() async throws {
        try await withCLI { cli in
            // Among a realistic file, so the unsupervised model has enough pairs to learn from.
            let (generated, _) = Self.file(records: 2000)
            let lines = [
                String(decoding: generated, as: UTF8.self).trimmingCharacters(in: .newlines),
                "a1,ORG1,,Test,Person,1900-01-01,,QQ123456C,,,,,active,,",
                "a2,ORG1,S1,Ann,Llewellyn,1980-02-29,F,AB123456C,ann@example.org,,1 High Street,CF10 1AA,active,,2024-01-01T00:00:00Z",
                "b7,ORG2,X9,Ann,Llewelyn,1980-02-29,F,AB123456C,,,,,deceased,2025-05-05,",
            ]
            let input = try cli.file("dirty.csv", Array(lines.joined(separator: "\r\n").utf8))
            let output = cli.directory + "/out.csv"
            let result = try await cli.run(
                ["breach", "cleanse", "--input", input, "--output", output], dataDirectory: false)
            #expect(result.status == 0, "\(result.errorText)")
            let rows = CSVReader.rows(in: try Data(contentsOf: URL(fileURLWithPath: output))).compactMap {
                try? $0.get()
            }
            let byID = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0.fields[0], $0.fields) })
            #expect(byID["a1"]?[2] == "dummy")
            #expect(byID["a2"]?[1] == byID["b7"]?[1])
            #expect(byID["a2"]?[2] == "deceased" && byID["b7"]?[2] == "deceased")
        }
    }

    @Test("a wrong header, a broken line or a missing file is an error naming the file and line")
    func badInput() async throws {
        try await withCLI { cli in
            let wrong = try cli.file("wrong.csv", Array("id,name\n1,Smith\n".utf8))
            let result = try await cli.run(
                ["breach", "cleanse", "--input", wrong, "--output", cli.directory + "/o.csv"], dataDirectory: false)
            #expect(result.status == 1)
            #expect(result.errorText.contains("wrong.csv:1:"))
            let header = PeopleCSV.header.joined(separator: ",")
            let broken = try cli.file("broken.csv", Array("\(header)\nr1,ORG,\"unterminated\n".utf8))
            let second = try await cli.run(
                ["breach", "cleanse", "--input", broken, "--output", cli.directory + "/o.csv"], dataDirectory: false)
            #expect(second.status == 1)
            #expect(second.errorText.contains("broken.csv:2:"))
            let missing = try await cli.run(
                ["breach", "cleanse", "--input", cli.directory + "/none.csv", "--output", cli.directory + "/o.csv"],
                dataDirectory: false)
            #expect(missing.status == 1)
            #expect(!FileManager.default.fileExists(atPath: cli.directory + "/o.csv"))
        }
    }
}
