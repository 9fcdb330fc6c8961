import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// A server answers many requests at once: reads of one subject (a person, their entries) and reads of many (a
/// limit check's batch) interleave. SQLite runs the small reads on the calling thread and the large ones on
/// threads of their own; every read must finish with its own answer, however many run together — none may wait
/// for a connection that only a waiting task could give back.
@Suite("Many reads at once")
struct ConcurrentReadsContractTests {
    @Test("point reads and batch reads at once all finish with their own answers", arguments: StoreKind.available)
    func mixedReadsFinish(kind: StoreKind) async throws {
        // A deadlock blocks the threads every task shares, so no time limit of the test framework could end the test:
        // a thread of its own stops the run instead.
        let watchdog = DispatchWorkItem {
            fatalError("reads on \(kind) still waiting after 300 s: the store deadlocked")
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        defer { watchdog.cancel() }
        try await withTestStore(kind) { test in
            // setup
            let (a, _, changes) = try BatchReadsContractTests.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.organisation(a.id, actor: "lead-a")
            let people = changes.newPeople.filter { $0.person.organisationID == a.id }.map(\.person.id)
            let entriesOf = Dictionary(grouping: changes.newDoseEntries, by: \.personID)
            // Large enough to be read off the shared threads, small enough to stay quick beside a busy suite.
            let batch = Array(people.prefix(40))

            // MUT: far more reads in flight than the store has connections, small and large mixed.
            let answers = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for round in 0..<400 {
                    let person = people[round % people.count]
                    group.addTask {
                        switch round % 4 {
                        case 0:
                            let record = try await test.store.person(id: person, scope: scope)
                            return (round, record?.person.id == person)
                        case 1:
                            let entries = try await test.store.doseEntries(of: person, scope: scope)
                            return (round, Set(entries.map(\.id)) == Set((entriesOf[person] ?? []).map(\.id)))
                        case 2:
                            let entries = try await test.store.doseEntries(ofPeople: batch, scope: scope)
                            return (round, entries.count == 2 * batch.count)
                        default:
                            let records = try await test.store.people(ids: batch, scope: scope)
                            return (round, records.count == batch.count)
                        }
                    }
                }
                var answers: [Int: Bool] = [:]
                for try await (round, right) in group { answers[round] = right }
                return answers
            }

            // validate
            #expect(answers.count == 400)
            #expect(
                answers.values.allSatisfy { $0 },
                "rounds with a wrong answer: \(answers.filter { !$0.value }.keys.sorted())")
        }
    }
}
