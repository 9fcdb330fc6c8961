import Foundation
import Logging
import SievertStorage
import Vault

/// The use cases of the service, wired to one store and one key service. HTTP and CLI both call these.
public struct Sievert: Sendable {
    public let store: any RecordStore
    public let keys: KeyService
    public let organisations: OrganisationService
    public let people: PeopleService
    public let peopleImport: PeopleImport
    public let peopleExport: PeopleExport
    public let demo: DemoData
    public let tokens: AccessTokens

    /// Opens the key service on `store` and wires the use cases.
    public static func open(
        store: any RecordStore, root: Keyset, expectedPopulation: Int = 2_000_000,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Sievert {
        let keys = try await KeyService.open(
            root: root, store: store, expectedPopulation: expectedPopulation, now: clock())
        return Sievert(store: store, keys: keys, clock: clock)
    }

    init(store: any RecordStore, keys: KeyService, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.keys = keys
        let organisations = OrganisationService(store: store, keys: keys, clock: clock)
        let people = PeopleService(store: store, keys: keys, organisations: organisations, clock: clock)
        self.organisations = organisations
        self.people = people
        self.peopleImport = PeopleImport(store: store, keys: keys, people: people, clock: clock)
        self.peopleExport = PeopleExport(store: store, people: people, organisations: organisations, clock: clock)
        self.tokens = AccessTokens(store: store, clock: clock)
        self.demo = DemoData(store: store, keys: keys, organisations: organisations, people: people, clock: clock)
    }
}
