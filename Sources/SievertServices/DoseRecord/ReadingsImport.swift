import DoseCore
import Foundation
import Interchange
import SievertStorage
import Vault

/// What a lab file import did.
public struct ReadingsImportReport: Sendable {
    public var rows = 0
    /// Readings stored now (controls included).
    public var imported = 0
    /// Readings already stored by an earlier import of the same serial and version: skipped.
    public var alreadyImported = 0
    public var controls = 0
    /// Entries added to the dose of record.
    public var doseEntries = 0
    /// Entries of an earlier version that a reissued reading superseded.
    public var superseded = 0
    /// Wearer readings with no control reading of the same batch (period and dosemeter type): not netted.
    public var withoutControl = 0
    /// Dose alerts the new entries raised (IRR17 limits, investigation levels, classification prompts).
    public var alertsRaised = 0
    /// With any of these, nothing was committed.
    public var problems: [CSVProblem] = []
    public var moreProblems = 0
    public var committed = false
}

/// Imports a lab reading file (`sievert import readings`): validated whole, then in one transaction the new
/// readings and the dose entries they make. Net dose = reading − control of the same period and dosemeter type,
/// floored at 0; `M` is a zero below the reporting level; unused and unreported dosemeters make no entry; a
/// damaged or lost one makes a notional entry (reg 23); a higher version supersedes the earlier one's entries.
/// Identity columns, when the file has them, are checked against the participant's record and never stored.
public struct ReadingsImport: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let organisations: OrganisationService
    let alerts: DoseAlertService
    let clock: @Sendable () -> Date

    public func run(
        _ bytes: [UInt8], organisationCode: String, dateFormat: LabDateFormat = .iso, by caller: Caller
    ) async throws -> ReadingsImportReport {
        guard caller.role == .rpsAdmin || caller.role == .lab else {
            throw ServiceError.forbidden("only the service and its lab import readings")
        }
        let organisation = try await organisations.find(code: organisationCode, caller: caller)
        var report = ReadingsImportReport()
        let parsed = LabReadingsCSV.parse(bytes, dateFormat: dateFormat)
        guard parsed.isValid else {
            report.problems = parsed.problems
            if case .invalid(_, let more) = parsed { report.moreProblems = more }
            return report
        }
        let readings = parsed.readings
        report.rows = readings.count
        let participants = Dictionary(
            try await store.participants(of: organisation.id, scope: caller.scope).map { ($0.code.uppercased(), $0) },
            uniquingKeysWith: { a, _ in a })
        let stored = try await store.labReadings(of: organisation.id, scope: caller.scope)
        let storedKeys = Set(stored.map { "\($0.serial)#\($0.version)" })
        let codec = try await people.codec(for: organisation.id, caller: caller)
        let sealer = Sealer(keyset: codec.organisationKeys)

        // Who each new wearer reading belongs to, with the person opened for the identity check and notional doses.
        let fresh = readings.filter { !storedKeys.contains("\($0.serial)#\($0.version)") }
        report.alreadyImported = readings.count - fresh.count
        var problems: [CSVProblem] = []
        var owners: [Int: ParticipantRow] = [:]
        for reading in fresh where !reading.isControl {
            guard let code = reading.participantCode, let owner = participants[code.uppercased()] else {
                problems.append(
                    CSVProblem(
                        line: reading.line, column: "Participant Number",
                        reason: "no dose record at \(organisation.code) has this participant code"))
                continue
            }
            owners[reading.line] = owner
        }
        let records = try await store.people(ids: Array(Set(owners.values.map(\.personID))), scope: caller.scope)
        var opened: [PersonID: (person: Person, employments: [Employment], key: DataKey)] = [:]
        for record in records {
            let (person, employments) = try codec.open(record)
            opened[person.id] = (person, employments, try codec.dataKey(record))
        }
        for reading in fresh where !reading.isControl {
            guard let owner = owners[reading.line], let identity = reading.identity,
                let person = opened[owner.personID]?.person
            else { continue }
            problems += Self.identityProblems(identity, person: person, line: reading.line)
        }
        guard problems.isEmpty else {
            report.problems = problems
            return report
        }

        // Controls of this file and earlier ones, by batch.
        var controls: [String: LabReading] = [:]
        for reading in readings where reading.isControl { controls[Self.batch(reading)] = reading }
        let now = clock()
        var changes = ChangeSet()
        // Entries per serial from earlier versions, stored or earlier in this file, by employment and quantity.
        let earlierEntries = try await store.doseEntries(fromReadings: stored.map(\.id), scope: caller.scope)
        let storedSerial = Dictionary(stored.map { ($0.id, $0.serial) }, uniquingKeysWith: { a, _ in a })
        var current: [String: [String: DoseEntryID]] = [:]  // serial → "employment#quantity" → entry
        let supersededAlready = Set(earlierEntries.compactMap(\.supersedes))
        for entry in earlierEntries where !supersededAlready.contains(entry.id) {
            guard let readingID = entry.readingID, let serial = storedSerial[readingID] else { continue }
            current[serial, default: [:]]["\(entry.employmentID)#\(entry.quantity)"] = entry.id
        }

        for reading in fresh.sorted(by: { ($0.serial, $0.version, $0.line) < ($1.serial, $1.version, $1.line) }) {
            let id = Identifier<LabReadingTag>.generate(now: now)
            changes.newLabReadings.append(
                try Self.row(reading, id: id, organisation: organisation.id, sealer: sealer, at: now))
            report.imported += 1
            if reading.isControl {
                report.controls += 1
                continue
            }
            guard let owner = owners[reading.line], let person = opened[owner.personID] else { continue }
            let control = controls[Self.batch(reading)]
            if control == nil, reading.status == .measured { report.withoutControl += 1 }
            for (quantity, amount, below, kind) in Self.doses(reading, control: control, person: person, owner: owner) {
                let slot = "\(owner.employmentID)#\(quantity.rawValue)"
                let supersedes = current[reading.serial]?[slot]
                let entry: DoseEntry
                do {
                    entry = try DoseEntry(
                        id: .generate(now: now), employmentID: owner.employmentID, personID: owner.personID,
                        period: reading.period, quantity: quantity, amount: amount, belowReportingLevel: below,
                        kind: kind, supersedes: supersedes, recordedAt: now)
                } catch {
                    report.problems.append(CSVProblem(line: reading.line, column: nil, reason: error.reason))
                    continue
                }
                var row = try DoseSealing.seal(entry, organisation: organisation.id, with: person.key)
                row.readingID = id
                changes.newDoseEntries.append(row)
                current[reading.serial, default: [:]][slot] = entry.id
                if supersedes != nil { report.superseded += 1 }
                report.doseEntries += 1
                changes.auditEvents.append(
                    AuditTrail.event(
                        caller, "dose.record", subject: owner.personID.description, organisation: organisation.id,
                        purpose: "dosimetry", at: now, outcome: "entry=\(entry.id)"))
            }
        }
        guard report.problems.isEmpty else { return report }
        changes.auditEvents.append(
            AuditTrail.event(
                caller, "readings.import", subject: nil, organisation: organisation.id, purpose: "dosimetry", at: now,
                outcome: "readings=\(report.imported)"))
        if report.imported > 0 {
            do {
                try await store.apply(changes, scope: caller.scope)
            } catch {
                throw ServiceError.from(error)
            }
        }
        report.committed = true
        if !changes.newDoseEntries.isEmpty {
            report.alertsRaised = await alerts.afterChange(
                of: Set(changes.newDoseEntries.map(\.personID)),
                years: Set(changes.newDoseEntries.map(\.periodEnd.year)), organisation: organisation.id,
                requestID: caller.requestID)
        }
        return report
    }

    /// Control readings stand for the background of the dosemeters of one dispatch: same period, same type. Our
    /// own format names no dosemeter type, so there one control per period serves every dosemeter of the period.
    static func batch(_ reading: LabReading) -> String {
        "\(reading.period)#\(reading.dosemeterType ?? "*")"
    }

    /// The entries a wearer reading makes: (quantity, amount, below the reporting level, kind).
    static func doses(
        _ reading: LabReading, control: LabReading?,
        person: (person: Person, employments: [Employment], key: DataKey), owner: ParticipantRow
    ) -> [(Quantity, Dose, Bool, DoseEntryKind)] {
        var quantities = reading.kind.quantities
        if reading.cells.neutron.isReported { quantities.append(.neutron) }
        switch reading.status {
        case .unused, .notReported:
            return []
        case .damaged, .lost:
            // Reg 23: the share of the wearer's class limit for the period, until an investigation estimates it.
            let employment = person.employments.first { $0.id == owner.employmentID }
            let workerClass =
                person.person.identity.dateOfBirth.map {
                    WorkerClass(
                        designation: employment?.designations.designation(on: reading.period.end), dateOfBirth: $0,
                        on: reading.period.end)
                } ?? .employee
            return reading.kind.quantities.map {
                (
                    $0, NotionalDose.amount(for: reading.period, quantity: $0.limited, workerClass: workerClass), false,
                    .notional
                )
            }
        case .measured:
            return quantities.compactMap { quantity in
                switch reading.cell(for: quantity) {
                case .blank:
                    return nil
                case .belowReportingLevel:
                    return (quantity, .zero, true, .measured)
                case .dose(let gross):
                    var background = Dose.zero
                    if case .dose(let dose) = control?.cell(for: quantity) { background = dose }
                    let net = Dose(microsieverts: max(0, gross.microsieverts - background.microsieverts))
                    return (quantity, net, false, .measured)
                }
            }
        }
    }

    /// Identity columns are compared with the record (surname within the name, date of birth exactly) and dropped.
    static func identityProblems(_ identity: LabReadingIdentity, person: Person, line: Int) -> [CSVProblem] {
        var problems: [CSVProblem] = []
        if let dateOfBirth = identity.dateOfBirth, let recorded = person.identity.dateOfBirth, dateOfBirth != recorded {
            problems.append(CSVProblem(line: line, column: "DOB", reason: "does not match the participant's record"))
        }
        if let name = identity.name, !name.isEmpty {
            let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            let surname = person.identity.surname.folding(
                options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            if !folded.contains(surname) {
                problems.append(
                    CSVProblem(
                        line: line, column: "Participant Name", reason: "does not match the participant's record"))
            }
        }
        return problems
    }

    struct SealedCells: Codable {
        var hp10: String
        var hp007: String
        var hp3: String
        var neutron: String
        var note: String?
    }

    static func row(
        _ reading: LabReading, id: Identifier<LabReadingTag>, organisation: OrganisationID, sealer: Sealer, at now: Date
    ) throws -> LabReadingRow {
        let cells = SealedCells(
            hp10: reading.cells.hp10.text, hp007: reading.cells.hp007.text, hp3: reading.cells.hp3.text,
            neutron: reading.cells.neutron.text, note: reading.note)
        let sealed = try sealer.seal(
            try JSONEncoder().encode(cells),
            binding: AssociatedData(
                organisation: organisation.description, table: "lab_readings", column: "cells", row: id.description))
        return LabReadingRow(
            id: id, organisationID: organisation, serial: reading.serial, version: reading.version,
            participantCode: reading.participantCode, dosemeterType: reading.dosemeterType,
            position: reading.position.rawValue, periodBegin: reading.period.begin, periodEnd: reading.period.end,
            status: reading.status.rawValue, sealedCells: sealed, importedAt: now)
    }
}
