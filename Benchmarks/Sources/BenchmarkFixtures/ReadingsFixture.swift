import DoseCore
import Foundation
import Logging
import SievertApp
import SievertServices
import SievertStorage

/// A data directory ready to import a ``SyntheticLabFile``: its organisation, one synthetic person per
/// participant code (invented people, from ``SyntheticPeopleFile``) and each person's employment holding the code.
public enum ReadingsFixture {
    /// The organisation the lab file is for.
    public static let organisationCode = "BENCHLAB"

    /// Creates a data directory at `dataDirectory` (its witness directory beside it, as the CLI's default):
    /// registers the organisation, imports the people through the people import, and assigns person `i` the
    /// code `codes[i]`. The codes are written as one change set through the store: `Participants.codes` does
    /// one person per call and reads every code of the organisation each time, far too slow for 60,000 wearers.
    public static func prepare(dataDirectory: String, participantCodes codes: [String]) async throws {
        let runtime = try await SievertRuntime.open(
            SievertSettings.from(flags: ["data.dir": dataDirectory, "demo": "false"], environment: [:]),
            logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        do {
            try await assign(codes, in: runtime)
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
    }

    private static func assign(_ codes: [String], in runtime: SievertRuntime) async throws {
        let console = Caller.console(requestID: "bench-setup")
        let organisation = try await runtime.sievert.organisations.register(
            NewOrganisation(code: organisationCode, name: "Benchmark Lab Customer NHS Trust", kind: "nhs-trust"),
            by: console)
        let people = try SyntheticPeopleFile.bytes(count: codes.count, organisationCode: organisationCode)
        let imported = try await runtime.sievert.peopleImport.run(people, by: console)
        guard imported.committed, imported.created == codes.count else {
            throw FixtureError(description: "people import: \(imported.created) of \(codes.count) created")
        }

        var records: [PersonRecord] = []
        var after: PersonID?
        repeat {
            let page = try await runtime.sievert.store.people(
                of: organisation.id, after: after, limit: 500, includeCanaries: false, scope: console.scope)
            records += page
            after = page.last?.person.id
        } while after != nil && records.count < codes.count
        guard records.count == codes.count else {
            throw FixtureError(description: "found \(records.count) people, expected \(codes.count)")
        }
        let now = Date()
        var changes = ChangeSet()
        for (record, code) in zip(records, codes) {
            guard let employment = record.employments.first else {
                throw FixtureError(description: "person \(record.person.id) has no employment")
            }
            changes.newParticipants.append(
                ParticipantRow(
                    code: code, organisationID: organisation.id, employmentID: employment.id,
                    personID: record.person.id, createdAt: now))
        }
        try await runtime.sievert.store.apply(changes, scope: console.scope)
    }
}

/// A fixture that could not be built.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}
