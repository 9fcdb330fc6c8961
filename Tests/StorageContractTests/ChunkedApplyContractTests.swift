import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Synchronization
import Testing

/// Change sets made on demand by `make(index)` until it returns nil, counting how many were asked for.
struct ScriptedChunks: AsyncSequence, Sendable {
    typealias Element = ChangeSet

    /// How many chunks were made so far.
    final class Counter: Sendable {
        let value = Mutex(0)
    }

    let made = Counter()
    let make: @Sendable (Int) async throws -> ChangeSet?

    struct Iterator: AsyncIteratorProtocol {
        let chunks: ScriptedChunks
        var index = 0

        mutating func next() async throws -> ChangeSet? {
            let chunk = try await chunks.make(index)
            index += 1
            if chunk != nil { chunks.made.value.withLock { $0 += 1 } }
            return chunk
        }
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(chunks: self)
    }

    var count: Int { made.value.withLock { $0 } }
}

/// A chunk thrown by the scripted sequence itself.
struct ChunkSourceFailed: Error {}

/// `RecordStore.apply(chunks:scope:)`: many change sets, one transaction, on SQLite and PostgreSQL alike.
@Suite("Record store contract: chunked apply")
struct ChunkedApplyContractTests {
    /// `count` chunks of one new person each (with an employment) and one audit event each, in organisation `a`.
    static func people(_ count: Int, in a: OrganisationID) -> [ChangeSet] {
        (0..<count).map { index in
            var chunk = ChangeSet()
            let person = RowFixtures.person(in: a)
            chunk.newPeople = [person]
            chunk.newEmployments = [RowFixtures.employment(of: person.person)]
            chunk.auditEvents = [RowFixtures.event("chunk.\(index)", organisation: a)]
            return chunk
        }
    }

    static func setUp(_ test: TestStore) async throws -> (a: OrganisationRow, b: OrganisationRow) {
        let (a, b, changes) = RowFixtures.twoTenants()
        try await test.store.apply(changes, scope: .service(actor: "setup"))
        return (a, b)
    }

    @Test(
        "every chunk is written, in order, with its audit events numbered without gaps", arguments: StoreKind.available)
    func inOrder(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _) = try await Self.setUp(test)
            let before = try await test.store.lastAuditSequence()
            let chunks = Self.people(7, in: a.id)
            let source = ScriptedChunks { index in index < chunks.count ? chunks[index] : nil }
            try await test.store.apply(chunks: source, scope: .organisation(a.id, actor: "a"))

            let scope = StoreScope.organisation(a.id, actor: "a")
            for chunk in chunks {
                let person = try #require(chunk.newPeople.first).person
                #expect(try await test.store.person(id: person.id, scope: scope)?.person == person)
            }
            let events = try await test.store.auditEvents(after: before, limit: 100)
            #expect(events.map(\.action) == (0..<7).map { "chunk.\($0)" })
            #expect(events.map(\.sequence) == (1...7).map { before + Int64($0) })
        }
    }

    @Test("a chunk that breaks a rule rolls back the chunks before it", arguments: StoreKind.available)
    func brokenRule(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _) = try await Self.setUp(test)
            var broken = Self.people(4, in: a.id)
            broken[2].newPeople.append(broken[0].newPeople[0])  // already written by the first chunk
            let chunks = broken
            let source = ScriptedChunks { index in index < chunks.count ? chunks[index] : nil }
            await #expect(throws: StoreError.self) {
                try await test.store.apply(chunks: source, scope: .service(actor: "x"))
            }
            try await Self.expectNothingWritten(of: chunks, in: test)
        }
    }

    @Test(
        "a sequence that throws rolls back every chunk and its error reaches the caller", arguments: StoreKind.available
    )
    func sourceThrows(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _) = try await Self.setUp(test)
            let chunks = Self.people(3, in: a.id)
            let source = ScriptedChunks { index in
                guard index < 2 else { throw ChunkSourceFailed() }
                return chunks[index]
            }
            await #expect(throws: (any Error).self) {
                try await test.store.apply(chunks: source, scope: .service(actor: "x"))
            }
            try await Self.expectNothingWritten(of: chunks, in: test)
        }
    }

    @Test(
        "a chunk touching another organisation is refused, and nothing of the stream is written",
        arguments: StoreKind.available)
    func outOfScope(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, b) = try await Self.setUp(test)
            let chunks = Self.people(2, in: a.id) + Self.people(1, in: b.id) + Self.people(1, in: a.id)
            let source = ScriptedChunks { index in index < chunks.count ? chunks[index] : nil }
            await #expect(throws: StoreError.outOfScope) {
                try await test.store.apply(chunks: source, scope: .organisation(a.id, actor: "a"))
            }
            try await Self.expectNothingWritten(of: chunks, in: test)
        }
    }

    @Test("nothing is visible to other readers until the last chunk is committed", arguments: StoreKind.available)
    func invisibleUntilCommitted(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _) = try await Self.setUp(test)
            let chunks = Self.people(3, in: a.id)
            let first = try #require(chunks.first?.newPeople.first).person
            let seenMidway = Mutex<Bool?>(nil)
            let store = test.store
            let source = ScriptedChunks { index in
                if index == 2 {
                    // The first chunk is written by now (at most two wait ahead of the writer).
                    let seen = try await store.person(id: first.id, scope: .service(actor: "reader")) != nil
                    seenMidway.withLock { $0 = seen }
                }
                return index < chunks.count ? chunks[index] : nil
            }
            try await store.apply(chunks: source, scope: .service(actor: "x"))
            #expect(seenMidway.withLock { $0 } == false)
            #expect(try await store.person(id: first.id, scope: .service(actor: "reader")) != nil)
        }
    }

    @Test(
        "chunks are taken on demand: after a failure the rest of a long stream is never made",
        arguments: StoreKind.available)
    func onDemand(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _) = try await Self.setUp(test)
            let existing = try #require(Self.people(1, in: a.id).first)
            try await test.store.apply(existing, scope: .service(actor: "x"))
            let source = ScriptedChunks { index in
                guard index < 1_000 else { return nil }
                // The second chunk repeats a stored person: the write fails there.
                return index == 1 ? existing : Self.people(1, in: a.id)[0]
            }
            await #expect(throws: StoreError.self) {
                try await test.store.apply(chunks: source, scope: .service(actor: "x"))
            }
            // The failing chunk, plus at most the few queued ahead of the writer and the one being made.
            #expect(source.count >= 2 && source.count <= 6, "made \(source.count) chunks")
        }
    }

    @Test("an empty stream, or empty chunks, write nothing and succeed", arguments: StoreKind.available)
    func empty(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _) = try await Self.setUp(test)
            let before = try await test.store.lastAuditSequence()
            try await test.store.apply(chunks: ScriptedChunks { _ in nil }, scope: .organisation(a.id, actor: "a"))
            try await test.store.apply(
                chunks: ScriptedChunks { index in index < 3 ? ChangeSet() : nil },
                scope: .organisation(a.id, actor: "a"))
            #expect(try await test.store.lastAuditSequence() == before)
        }
    }

    static func expectNothingWritten(of chunks: [ChangeSet], in test: TestStore) async throws {
        let scope = StoreScope.service(actor: "check")
        for chunk in chunks {
            if let person = chunk.newPeople.first?.person {
                #expect(try await test.store.person(id: person.id, scope: scope) == nil)
            }
        }
        let events = try await test.store.auditEvents(after: 0, limit: 1_000)
        #expect(events.allSatisfy { !$0.action.hasPrefix("chunk.") })
    }
}
