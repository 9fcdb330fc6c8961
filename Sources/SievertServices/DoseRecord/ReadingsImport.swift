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
/// readings and the dose entries they make, streamed to the store in sealed chunks, with one audit event per
/// wearer written to. Net dose = reading − control of the same period and dosemeter type, floored at 0; `M`, or a
/// net dose below the organisation's minimum reporting level, is a zero below the reporting level; unused and
/// unreported dosemeters make no entry; a damaged or lost one makes a notional entry (reg 23); a higher version
/// supersedes the earlier one's entries. Identity columns, when the file has them, are checked against the
/// participant's record and never stored.
public struct ReadingsImport: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let organisations: OrganisationService
    let alerts: DoseAlertService
    let clock: @Sendable () -> Date

    /// Imports the lab file `bytes` for the organisation `organisationCode`; nothing is committed with any problem.
    public func run(
        _ bytes: [UInt8], organisationCode: String, dateFormat: LabDateFormat = .iso, by caller: Caller
    ) async throws -> ReadingsImportReport {
        let report = try await importFile(bytes, organisationCode: organisationCode, dateFormat: dateFormat, by: caller)
        SievertMetrics.countImport(
            .readings, accepted: report.committed ? report.imported : 0,
            skipped: report.committed ? report.alreadyImported : 0, rejected: Set(report.problems.map(\.line)).count)
        return report
    }

    private func importFile(
        _ bytes: [UInt8], organisationCode: String, dateFormat: LabDateFormat, by caller: Caller
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
        // Only this file's serials: a batch costs what it brings, not the organisation's whole reading history.
        let stored = try await store.labReadings(
            of: organisation.id, serials: Set(readings.map(\.serial)), scope: caller.scope)
        let storedKeys = Set(stored.map { "\($0.serial)#\($0.version)" })
        let codec = try await people.codec(for: organisation.id, caller: caller)
        let sealer = Sealer(keyset: codec.organisationKeys)

        // Who each new wearer reading belongs to, with the person opened for the identity check and notional doses.
        // New readings are kept as positions in `readings`: copies of a million readings cost hundreds of MB.
        let fresh = readings.indices.filter { !storedKeys.contains("\(readings[$0].serial)#\(readings[$0].version)") }
        report.alreadyImported = readings.count - fresh.count
        var problems: [CSVProblem] = []
        var owners: [Int: ParticipantRow] = [:]
        for reading in fresh.lazy.map({ readings[$0] }) where !reading.isControl {
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
        let opened = try await Self.open(records, with: codec)
        for reading in fresh.lazy.map({ readings[$0] }) where !reading.isControl {
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
        var controls: [Batch: LabReading] = [:]
        for reading in readings where reading.isControl { controls[Self.batch(reading)] = reading }
        let now = clock()
        // Entries per serial from earlier versions, stored or earlier in this file, by employment and quantity.
        let earlierEntries = try await store.doseEntries(fromReadings: stored.map(\.id), scope: caller.scope)
        let storedSerial = Dictionary(stored.map { ($0.id, $0.serial) }, uniquingKeysWith: { a, _ in a })
        var current: [String: [Slot: DoseEntryID]] = [:]  // serial → slot → entry
        let supersededAlready = Set(earlierEntries.compactMap(\.supersedes))
        for entry in earlierEntries where !supersededAlready.contains(entry.id) {
            guard let readingID = entry.readingID, let serial = storedSerial[readingID] else { continue }
            current[serial, default: [:]][Slot(employment: entry.employmentID, quantity: entry.quantity)] = entry.id
        }

        let settings = try await store.organisationSettings(of: organisation.id, scope: caller.scope)
        let decided = await Self.decide(
            fresh, of: readings, owners: owners, opened: opened, controls: controls, current: current,
            reportingLevel: settings?.minimumReportingLevel, at: now, into: &report)
        guard report.problems.isEmpty else { return report }
        var written: WriteMark?
        if report.imported > 0 {
            // Sealed a chunk at a time as the store asks for them, all in one transaction.
            let chunks = Chunks(
                decided: decided, readings: readings, organisation: organisation.id, sealer: sealer, at: now,
                by: caller,
                closing: AuditTrail.event(
                    caller, "readings.import", subject: nil, organisation: organisation.id, purpose: "dosimetry",
                    at: now, outcome: "readings=\(report.imported)"))
            do {
                written = try await store.apply(chunks: chunks, scope: caller.scope)
            } catch {
                throw ServiceError.from(error)
            }
        }
        report.committed = true
        // The check reads the committed record; what this import opened it need not decrypt, and what it wrote
        // (every entry it decided, the entries of the write `written` marks) it need not even read back.
        var known = DoseAlertService.KnownRecords()
        var years = Set<Int>()
        var held = 0
        for item in decided {
            guard let person = item.person, !item.entries.isEmpty else { continue }
            known.entries[person, default: []] += item.entries
            held += item.entries.count
            for entry in item.entries { years.insert(entry.period.end.year) }
        }
        // Only when the mark covers exactly the entries held: otherwise the check reads everything back.
        known.written = written?.rows.count == held ? written : nil
        let touched = Set(known.entries.keys)
        if !touched.isEmpty {
            for record in records {
                guard let person = opened[record.person.id] else { continue }
                known.people[record.person.id] = PeopleService.Loaded(
                    record: record, codec: codec, person: person.person, employments: person.employments,
                    organisationCode: organisation.code)
            }
            report.alertsRaised = await alerts.afterChange(
                of: touched, years: years, organisation: organisation.id, requestID: caller.requestID, known: known)
        }
        return report
    }

    /// Control readings stand for the background of the dosemeters of one dispatch: same period, same type. Our
    /// own format names no dosemeter type, so there one control per period serves every dosemeter of the period.
    static func batch(_ reading: LabReading) -> Batch {
        Batch(period: reading.period, dosemeterType: reading.dosemeterType)
    }

    /// One dispatch of dosemeters: a period and a dosemeter type (none in our own format).
    struct Batch: Hashable, Sendable {
        var period: DosePeriod
        var dosemeterType: String?
    }

    /// The entries a wearer reading makes: (quantity, amount, below the reporting level, kind).
    static func doses(
        _ reading: LabReading, control: LabReading?, reportingLevel: Int64?, person: OpenedPerson,
        owner: ParticipantRow
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
                    // The organisation's minimum reporting level applies to the net dose, as the lab's `M` would.
                    if let reportingLevel, net.microsieverts < reportingLevel {
                        return (quantity, .zero, true, .measured)
                    }
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
}
