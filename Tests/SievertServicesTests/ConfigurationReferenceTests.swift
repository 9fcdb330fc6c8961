import Configuration
import Foundation
import SievertApp
import Synchronization
import Testing

@Suite("The configuration reference lists exactly the keys the server reads")
struct ConfigurationReferenceTests {
    /// Collects every key a configuration reader is asked for.
    final class KeysRead: AccessReporter {
        private let keys = Mutex<Set<String>>([])
        var read: Set<String> { keys.withLock { $0 } }

        func report(_ event: AccessEvent) {
            let components = event.metadata.key.components
            guard components.first == "sievert" else { return }
            _ = keys.withLock { $0.insert(components.dropFirst().joined(separator: ".")) }
        }
    }

    @Test("every key read is documented, and every documented key is read")
    func keysMatch() {
        let reporter = KeysRead()
        _ = SievertSettings(reader: ConfigReader(providers: [InMemoryProvider(values: [:])], accessReporter: reporter))
        #expect(!reporter.read.isEmpty)
        #expect(reporter.read == Set(SievertSettings.reference.map(\.key)))
        #expect(SievertSettings.reference.count == Set(SievertSettings.reference.map(\.key)).count)
    }

    @Test("a secret set in the environment is read as a secret")
    func secretsFromEnvironment() {
        let settings = SievertSettings.from(
            flags: [:], environment: ["SIEVERT_POSTGRES_URL": "postgres://app:hunter2@db/sievert"])
        #expect(settings.postgresURL == "postgres://app:hunter2@db/sievert")
        let secrets = SievertSettings.reference.filter(\.secret).map(\.environmentVariable)
        #expect(secrets.contains("SIEVERT_POSTGRES_URL") && secrets.contains("SIEVERT_ROOT_KEY"))
    }

    @Test("docs/configuration.md is the generated reference")
    func documentIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        #expect(
            document == SievertSettings.referenceMarkdown(),
            "regenerate with: swift run sievert config reference > docs/configuration.md")
    }
}
