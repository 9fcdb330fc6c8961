import Foundation
import SievertTestSupport
import Testing

@Suite("sievert users / tokens")
struct UsersCLITests {
    @Test("create-admin prints a one-time enrolment token and stores no password; tokens are listed and revoked")
    func createAdminAndTokens() async throws {
        try await withCLI { cli in
            let created = try await cli.run(["users", "create-admin", "--login", "ops.admin@rps.example"])
            #expect(created.status == 0, "\(created.errorText)")
            let token = created.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("en_") && token.count == 29)
            #expect(created.errorText.contains("enrol with the token above"))
            let listed = try await cli.run(["users", "list"])
            #expect(listed.outputText.contains("ops.admin@rps.example\trps-admin\tpending"))
            // A second admin with the same login name is refused with a reason, not a crash.
            let again = try await cli.run(["users", "create-admin", "--login", "OPS.ADMIN@rps.example"])
            #expect(again.status != 0)
            #expect(again.errorText.contains("already taken"))
            // The login name is not in the database file in clear.
            let database = try Data(contentsOf: URL(fileURLWithPath: cli.dataDirectory + "/sievert.sqlite"))
            #expect(database.range(of: Data("ops.admin".utf8)) == nil)

            let issued = try await cli.run(["tokens", "create", "--role", "auditor"])
            #expect(issued.status == 0)
            let id = try #require(
                issued.errorText.split(separator: " ").first { $0.hasPrefix("tok_") }.map {
                    $0.trimmingCharacters(in: .punctuationCharacters)
                })
            #expect(try await cli.run(["tokens", "list"]).outputText.contains("\(id)\tauditor\t-\tactive"))
            #expect(try await cli.run(["tokens", "revoke", id]).status == 0)
            #expect(try await cli.run(["tokens", "list"]).outputText.contains("\(id)\tauditor\t-\trevoked"))
            #expect(try await cli.run(["tokens", "revoke", "tok_unknown"]).status != 0)
        }
    }
}
