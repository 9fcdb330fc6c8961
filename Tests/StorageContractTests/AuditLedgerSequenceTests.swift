import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// Audit events are ledger leaves: numbered 1, 2, 3… without gaps, even when written concurrently.
@Suite("Audit events as ledger leaves")
struct AuditLedgerSequenceTests {
    @Test(
        "concurrent writers get consecutive sequence numbers and every event is a valid ledger entry",
        arguments: StoreKind.available)
    func consecutive(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let store = test.store
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for batch in 0..<5 {
                            var changes = ChangeSet()
                            changes.auditEvents = (0..<3).map {
                                RowFixtures.event("w\(writer).b\(batch).e\($0)", organisation: nil)
                            }
                            try await store.apply(changes, scope: .service(actor: "t"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let events = try await store.auditEvents(after: 0, limit: 1000)
            #expect(events.map(\.sequence) == Array(1...120))
            #expect(Set(events.map(\.action)).count == 120)
            for event in events { _ = try event.ledgerEntry }
            // Ranges read the same rows as paging, never overlapping; the last sequence is the log's length.
            #expect(try await store.lastAuditSequence() == 120)
            #expect(try await store.auditEvents(in: 1...50) + store.auditEvents(in: 51...200) == events)
            #expect(try await store.auditEvents(in: 121...130).isEmpty)
            #expect(try await store.auditEvents(after: 40, limit: 10) == Array(events[40..<50]))
            // Each batch of three stays together and in order.
            for start in stride(from: 0, to: 120, by: 3) {
                let prefix = events[start].action.dropLast(2)
                #expect(events[start..<start + 3].map(\.action) == ["\(prefix)e0", "\(prefix)e1", "\(prefix)e2"])
            }
        }
    }

    @Test("an event that is not a valid ledger entry is refused and nothing is written", arguments: StoreKind.available)
    func invalidEvent(kind: StoreKind) async throws {
        try await withTestStore(kind) { (test: TestStore) async throws in
            let organisation = RowFixtures.organisation("LEDG\(Int.random(in: 10...99))")
            var changes = ChangeSet()
            changes.newOrganisations = [organisation]
            changes.auditEvents = [RowFixtures.event("has a space", organisation: organisation.id)]
            await #expect(throws: StoreError.self) { try await test.store.apply(changes, scope: .service(actor: "t")) }
            #expect(try await test.store.organisation(id: organisation.id, scope: .service(actor: "t")) == nil)
            #expect(try await test.store.auditEvents(after: 0, limit: 10).isEmpty)
        }
    }
}
