import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertApp
import SievertServices
import SievertTestSupport
import Testing

@Suite("Readiness")
struct ReadinessTests {
    @Test("/ready answers 200 over a real socket when the store answers and the root key opens its service key")
    func ready() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let response = try await client.call("/ready", token: nil)
                #expect(response.status == .ok)
                #expect(try response.json(Readiness.self) == Readiness(status: "ready", store: true, keys: true))
            }
        }
    }

    @Test("/ready answers 503 naming the store once the store is gone", arguments: StoreKind.available)
    func notReady(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            await fixture.test.runtime.close()
            try await fixture.app.test(.router) { client in
                let response = try await client.call("/ready", token: nil)
                #expect(response.status == .serviceUnavailable)
                #expect(try response.json(Readiness.self) == Readiness(status: "not-ready", store: false, keys: false))
                #expect(try await client.call("/health", token: nil).status == .ok)
            }
        }
    }
}
