import DoseCore
import Foundation
import Interchange
import SievertStorage
import Vault

// The readings import from decided readings to sealed rows. A lab file can hold a million readings, so this is
// shaped for bulk: decisions in one ordered pass, sealing across the cores, rows in the order SQLite inserts fastest.
extension ReadingsImport {
    /// A wearer's record as the import needs it: opened for the identity check and notional doses, and a sealer
    /// over their data key for the amounts.
    struct OpenedPerson: Sendable {
        var person: Person
        var employments: [Employment]
        var sealer: Sealer
    }

    /// One place in the dose of record: a later version's entry supersedes the earlier version's in the same slot.
    struct Slot: Hashable {
        var employment: EmploymentID
        /// A ``DoseCore/Quantity`` raw value, as stored.
        var quantity: String
    }

    /// Opens every wearer's record (decrypting it and unwrapping their data key), across the cores.
    static func open(_ records: [PersonRecord], with codec: PersonCodec) async throws -> [PersonID: OpenedPerson] {
        let chunkSize = 1_024
        return try await withThrowingTaskGroup(of: [OpenedPerson].self) { group in
            for start in stride(from: 0, to: records.count, by: chunkSize) {
                let chunk = records[start..<min(start + chunkSize, records.count)]
                group.addTask {
                    try chunk.map { record in
                        let key = try codec.dataKey(record)
                        return OpenedPerson(
                            person: try codec.openPerson(record.person, with: key),
                            employments: try record.employments.map { try codec.openEmployment($0, with: key) },
                            sealer: Sealer(dataKey: key))
                    }
                }
            }
            var opened: [PersonID: OpenedPerson] = [:]
            opened.reserveCapacity(records.count)
            for try await part in group {
                for person in part { opened[person.person.id] = person }
            }
            return opened
        }
    }

    /// A new reading (its position in the file's readings), its id and the entries it makes, before sealing.
    struct Decided: Sendable {
        var reading: Int
        var id: Identifier<LabReadingTag>
        var entries: [DoseEntry] = []
        /// The wearer; nil for a control.
        var person: PersonID?
        /// The wearer's sealer; nil for a control, which makes no entries.
        var sealer: Sealer?
    }

    /// Decides every new reading's entries, in insertion order, counting into `report` (and adding a problem for
    /// an entry the dose of record refuses).
    ///
    /// A version supersedes only entries of the same employment, so taking each wearer's readings together (by
    /// person, then serial, version and line as before) decides exactly what serial order alone decided. It also
    /// lets every index the rows go into (reading and entry ids, reading, person, audit subject) be written in key
    /// order: a file-sized transaction that puts rows at random places in SQLite's indexes spills pages to the WAL
    /// and reads them back again and again.
    static func decide(
        _ fresh: [Int], of readings: [LabReading], owners: [Int: ParticipantRow], opened: [PersonID: OpenedPerson],
        controls: [Batch: LabReading], current: [String: [Slot: DoseEntryID]], reportingLevel: Int64?, at now: Date,
        into report: inout ReadingsImportReport
    ) async -> [Decided] {
        let ordered = fresh.map { (index: $0, person: owners[readings[$0].line]?.personID) }
            .sorted { insertsBefore(($0.person, readings[$0.index]), ($1.person, readings[$1.index])) }.map(\.index)
        let doses = ordered.map { index -> [(Quantity, Dose, Bool, DoseEntryKind)] in
            let reading = readings[index]
            guard !reading.isControl, let owner = owners[reading.line], let person = opened[owner.personID] else {
                return []
            }
            return Self.doses(
                reading, control: controls[batch(reading)], reportingLevel: reportingLevel, person: person,
                owner: owner)
        }
        let readingIDs: [Identifier<LabReadingTag>] = await ascendingIdentifiers(ordered.count, now: now)
        let entryIDs: [DoseEntryID] = await ascendingIdentifiers(doses.reduce(0) { $0 + $1.count }, now: now)

        var current = current
        var decided: [Decided] = []
        decided.reserveCapacity(ordered.count)
        var problems: [(reading: LabReading, problem: CSVProblem)] = []
        var nextEntry = 0
        for (position, index) in ordered.enumerated() {
            let reading = readings[index]
            var item = Decided(reading: index, id: readingIDs[position])
            report.imported += 1
            if reading.isControl { report.controls += 1 }
            if !reading.isControl, let owner = owners[reading.line], let person = opened[owner.personID] {
                item.person = owner.personID
                item.sealer = person.sealer
                if controls[batch(reading)] == nil, reading.status == .measured { report.withoutControl += 1 }
                for (quantity, amount, below, kind) in doses[position] {
                    let slot = Slot(employment: owner.employmentID, quantity: quantity.rawValue)
                    let supersedes = current[reading.serial]?[slot]
                    let id = entryIDs[nextEntry]
                    nextEntry += 1
                    let entry: DoseEntry
                    do {
                        entry = try DoseEntry(
                            id: id, employmentID: owner.employmentID, personID: owner.personID,
                            period: reading.period, quantity: quantity, amount: amount, belowReportingLevel: below,
                            kind: kind, supersedes: supersedes, recordedAt: now)
                    } catch {
                        problems.append((reading, CSVProblem(line: reading.line, column: nil, reason: error.reason)))
                        continue
                    }
                    item.entries.append(entry)
                    current[reading.serial, default: [:]][slot] = entry.id
                    if supersedes != nil { report.superseded += 1 }
                    report.doseEntries += 1
                }
            }
            decided.append(item)
        }
        // Reported in serial order, as before the readings were grouped by wearer (a reading's own in the order made).
        report.problems += problems.enumerated().sorted {
            serialOrder($0.element.reading, $1.element.reading)
                || !serialOrder($1.element.reading, $0.element.reading) && $0.offset < $1.offset
        }.map(\.element.problem)
        return decided
    }

    /// Serial, version, then line: the order in which the versions of a serial apply.
    static func serialOrder(_ a: LabReading, _ b: LabReading) -> Bool {
        (a.serial, a.version, a.line) < (b.serial, b.version, b.line)
    }

    /// Controls (and readings of no known wearer) first, then each wearer's readings together in serial order.
    static func insertsBefore(
        _ a: (person: PersonID?, reading: LabReading), _ b: (person: PersonID?, reading: LabReading)
    )
        -> Bool
    {
        guard a.person == b.person else {
            guard let first = a.person else { return true }
            guard let second = b.person else { return false }
            return first < second
        }
        return serialOrder(a.reading, b.reading)
    }

    /// `count` new identifiers in ascending order, made across the cores (random bits from the kernel's generator,
    /// like every identifier, read in bulk) and then sorted.
    static func ascendingIdentifiers<Tag>(_ count: Int, now: Date) async -> [Identifier<Tag>] {
        let chunkSize = 65_536
        var identifiers = await withTaskGroup(of: [Identifier<Tag>].self) { group in
            for start in stride(from: 0, to: count, by: chunkSize) {
                let size = min(chunkSize, count - start)
                group.addTask {
                    var random = BulkRandom()
                    return (0..<size).map { _ in Identifier<Tag>.generate(now: now, using: &random) }
                }
            }
            var all: [Identifier<Tag>] = []
            all.reserveCapacity(count)
            for await part in group { all += part }
            return all
        }
        identifiers.sort()
        return identifiers
    }

    /// The stored reading: clear codes and dates, and its cells sealed under the organisation's keys.
    static func row(
        _ reading: LabReading, id: Identifier<LabReadingTag>, organisation: OrganisationID, sealer: Sealer, at now: Date
    ) throws -> LabReadingRow {
        let sealed = try sealer.seal(
            cellsJSON(reading),
            binding: AssociatedData(
                organisation: organisation.description, table: "lab_readings", column: "cells", row: id.description))
        return LabReadingRow(
            id: id, organisationID: organisation, serial: reading.serial, version: reading.version,
            participantCode: reading.participantCode, dosemeterType: reading.dosemeterType,
            position: reading.position.rawValue, periodBegin: reading.period.begin, periodEnd: reading.period.end,
            status: reading.status.rawValue, sealedCells: sealed, importedAt: now)
    }

    /// What a reading's sealed cells hold: `{"hp10":…,"hp007":…,"hp3":…,"neutron":…,"note":…}`, each cell's text
    /// as the lab wrote it and the note left out when there is none. Written directly: `JSONEncoder` was a large
    /// share of the cost of sealing a file of a million readings.
    static func cellsJSON(_ reading: LabReading) -> [UInt8] {
        var json: [UInt8] = []
        json.reserveCapacity(64 + (reading.note?.utf8.count ?? 0))
        let cells = reading.cells
        let fields = [
            ("hp10", cells.hp10.text), ("hp007", cells.hp007.text), ("hp3", cells.hp3.text),
            ("neutron", cells.neutron.text),
        ]
        for (index, (name, value)) in (fields + (reading.note.map { [("note", $0)] } ?? [])).enumerated() {
            json.append(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            JSONString.append(name, to: &json)
            json.append(UInt8(ascii: ":"))
            JSONString.append(value, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return json
    }
}
