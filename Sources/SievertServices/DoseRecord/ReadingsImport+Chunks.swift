import DoseCore
import Foundation
import Interchange
import SievertStorage
import Vault

extension ReadingsImport {
    /// The rows of an import's decided readings as change sets of `chunkSize` readings, sealed only when the store
    /// asks for the next one: a file of a million readings never has more than a few chunks of ciphertext in
    /// memory. Each chunk is sealed across the cores.
    ///
    /// Personal data is audited per wearer: the decided readings come grouped by wearer, so when a wearer's last
    /// reading is sealed their `dose.record` event follows (subject: the person, outcome: how many readings and
    /// entries). The last chunk closes with `closing`, the import's own event. The store writes every chunk in
    /// one transaction, so the events are committed with the rows or not at all.
    struct Chunks: AsyncSequence, Sendable {
        typealias Element = ChangeSet

        let decided: [Decided]
        let readings: [LabReading]
        let organisation: OrganisationID
        let sealer: Sealer
        let now: Date
        let caller: Caller
        let closing: AuditEventRow
        let chunkSize: Int

        init(
            decided: [Decided], readings: [LabReading], organisation: OrganisationID, sealer: Sealer, at now: Date,
            by caller: Caller, closing: AuditEventRow, chunkSize: Int = 8_192
        ) {
            self.decided = decided
            self.readings = readings
            self.organisation = organisation
            self.sealer = sealer
            self.now = now
            self.caller = caller
            self.closing = closing
            self.chunkSize = Swift.max(1, chunkSize)
        }

        func makeAsyncIterator() -> Iterator {
            Iterator(chunks: self)
        }

        struct Iterator: AsyncIteratorProtocol {
            let chunks: Chunks
            var position = 0
            var done = false
            /// The wearer whose readings are being sealed, with the counts so far.
            var wearer: (person: PersonID, readings: Int, entries: Int)?

            mutating func next() async throws -> ChangeSet? {
                guard !done else { return nil }
                try Task.checkCancellation()
                let end = Swift.min(position + chunks.chunkSize, chunks.decided.count)
                var changes = try await chunks.seal(position..<end)
                for item in chunks.decided[position..<end] { count(item, into: &changes) }
                position = end
                if position == chunks.decided.count {
                    flush(into: &changes)
                    changes.auditEvents.append(chunks.closing)
                    done = true
                }
                return changes
            }

            /// Counts `item` for its wearer, and writes the previous wearer's event when the wearer changes.
            private mutating func count(_ item: Decided, into changes: inout ChangeSet) {
                guard let person = item.person else { return }
                if wearer?.person != person {
                    flush(into: &changes)
                    wearer = (person, 0, 0)
                }
                wearer?.readings += 1
                wearer?.entries += item.entries.count
            }

            private mutating func flush(into changes: inout ChangeSet) {
                guard let wearer else { return }
                changes.auditEvents.append(
                    AuditTrail.event(
                        chunks.caller, "dose.record", subject: wearer.person.description,
                        organisation: chunks.organisation, purpose: "dosimetry", at: chunks.now,
                        outcome: "readings=\(wearer.readings),entries=\(wearer.entries)"))
                self.wearer = nil
            }
        }

        /// The reading and entry rows of `range`, sealed on tasks across the cores and kept in order.
        func seal(_ range: Range<Int>) async throws -> ChangeSet {
            let parts = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, range.count / 512))
            let size = (range.count + parts - 1) / Swift.max(1, parts)
            typealias Rows = (readings: [LabReadingRow], entries: [DoseEntryRow])
            let sealed = try await withThrowingTaskGroup(of: (Int, Rows).self) { group in
                for (index, start) in stride(from: range.lowerBound, to: range.upperBound, by: Swift.max(1, size))
                    .enumerated()
                {
                    let part = start..<Swift.min(start + size, range.upperBound)
                    group.addTask { (index, try sealRows(part)) }
                }
                var sealed = [Rows?](repeating: nil, count: parts)
                for try await (index, rows) in group { sealed[index] = rows }
                return sealed
            }
            var changes = ChangeSet()
            changes.newLabReadings.reserveCapacity(range.count)
            for rows in sealed {
                guard let rows else { continue }
                changes.newLabReadings += rows.readings
                changes.newDoseEntries += rows.entries
            }
            return changes
        }

        /// One part's rows: each reading with its cells sealed under the organisation's keys, each entry with its
        /// amount sealed under the wearer's key.
        private func sealRows(_ part: Range<Int>) throws -> (readings: [LabReadingRow], entries: [DoseEntryRow]) {
            var rows: (readings: [LabReadingRow], entries: [DoseEntryRow]) = ([], [])
            rows.readings.reserveCapacity(part.count)
            for item in decided[part] {
                rows.readings.append(
                    try ReadingsImport.row(
                        readings[item.reading], id: item.id, organisation: organisation, sealer: sealer, at: now))
                guard let personal = item.sealer else { continue }
                for entry in item.entries {
                    var sealed = try DoseSealing.seal(entry, organisation: organisation, sealer: personal)
                    sealed.readingID = item.id
                    rows.entries.append(sealed)
                }
            }
            return rows
        }
    }
}
