import DoseCore
import Foundation
import SievertStorage
import Vault

/// The dose of record (IRR17 regs 22–24): append-only entries per employment, period and quantity, amounts
/// sealed under the person's data key; corrections supersede, never edit. Reading a history is audited.
public struct DoseRecordService: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let alerts: DoseAlertService
    let clock: @Sendable () -> Date

    /// Records a manual entry (rps-admin, or the lead of the person's organisation).
    public func record(_ input: NewDoseEntry, for personID: PersonID, by caller: Caller) async throws -> DoseEntryView {
        try people.requireManager(caller)
        let loaded = try await people.load(personID, caller: caller)
        var errors: [ValidationError] = []
        let quantity = Quantity(rawValue: input.quantity)
        if quantity == nil {
            errors.append(
                ValidationError(field: "quantity", reason: "must be effective, skin, extremity, lens or neutron"))
        }
        let kind = DoseEntryKind(rawValue: input.kind)
        if kind == nil || kind == .measured {
            errors.append(
                ValidationError(field: "kind", reason: "must be estimated, special-entry, accident or notional"))
        }
        var period: DosePeriod?
        do {
            period = try DosePeriod(
                begin: try CalendarDate(iso: input.periodBegin), end: try CalendarDate(iso: input.periodEnd))
        } catch {
            errors.append(ValidationError(field: "periodEnd", reason: error.reason))
        }
        var employment: Employment?
        do { employment = try loaded.employment(named: input.employment) } catch { errors.append(error) }
        guard errors.isEmpty, let quantity, let kind, let period, let employment else {
            throw ServiceError.invalid(errors)
        }
        let amount = try Self.amount(input, kind: kind, quantity: quantity, period: period, loaded, employment)
        let existing = try await store.doseEntries(of: personID, scope: caller.scope)
        var supersedes: DoseEntryID?
        if let text = input.supersedes {
            guard let id = DoseEntryID(text), let target = existing.first(where: { $0.id == id }),
                target.employmentID == employment.id, target.quantity == quantity.rawValue
            else {
                throw ServiceError.invalid(field: "supersedes", "is not an entry of this record and quantity")
            }
            guard !existing.contains(where: { $0.supersedes == id }) else {
                throw ServiceError.conflict("that entry has already been superseded")
            }
            supersedes = target.id
        }
        let now = clock()
        let entry: DoseEntry
        do {
            entry = try DoseEntry(
                id: .generate(now: now), employmentID: employment.id, personID: personID, period: period,
                quantity: quantity, amount: amount, kind: kind, supersedes: supersedes, recordedAt: now)
        } catch {
            throw ServiceError.invalid([error])
        }
        let key = try loaded.codec.dataKey(loaded.record)
        var changes = ChangeSet()
        changes.newDoseEntries = [try DoseSealing.seal(entry, organisation: loaded.person.organisationID, with: key)]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dose.record", subject: personID.description, organisation: loaded.person.organisationID,
                purpose: "record-keeping", at: now, outcome: "entry=\(entry.id)")
        ]
        try await people.apply(changes, caller)
        await alerts.afterChange(
            of: [personID], years: [period.end.year], organisation: loaded.person.organisationID,
            requestID: caller.requestID)
        return DoseSealing.view(entry, counts: true)
    }

    /// The amount of a manual entry: given, or for a notional dose the share of the wearer's class limit.
    private static func amount(
        _ input: NewDoseEntry, kind: DoseEntryKind, quantity: Quantity, period: DosePeriod,
        _ loaded: PeopleService.Loaded, _ employment: Employment
    ) throws -> Dose {
        guard kind == .notional else {
            guard let text = input.mSv else { throw ServiceError.invalid(field: "mSv", "is required") }
            do { return try Dose(mSv: text) } catch { throw ServiceError.invalid(field: "mSv", error.reason) }
        }
        guard input.mSv == nil else {
            throw ServiceError.invalid(field: "mSv", "a notional dose is computed, not given")
        }
        guard let dateOfBirth = loaded.person.identity.dateOfBirth else {
            throw ServiceError.invalid(field: "kind", "a notional dose needs the wearer's date of birth")
        }
        let workerClass = WorkerClass(
            designation: employment.designations.designation(on: period.end), dateOfBirth: dateOfBirth,
            on: period.end)
        return NotionalDose.amount(for: period, quantity: quantity.limited, workerClass: workerClass)
    }

    /// Reg 23 notional entries for a lost or damaged dosemeter of `employment` over `period`: the share of the
    /// wearer's class limit for each quantity, sealed and ready for a change set. Without a date of birth the
    /// class is taken as an adult employee's (the highest limit, so never an under-estimate).
    static func notionalEntries(
        _ loaded: PeopleService.Loaded, employment: EmploymentID, period: DosePeriod, quantities: [Quantity],
        at now: Date
    ) throws -> [DoseEntryRow] {
        let designation = loaded.employments.first { $0.id == employment }?.designations.designation(on: period.end)
        let workerClass =
            loaded.person.identity.dateOfBirth.map {
                WorkerClass(designation: designation, dateOfBirth: $0, on: period.end)
            } ?? .employee
        let key = try loaded.codec.dataKey(loaded.record)
        return try quantities.map { quantity in
            let entry = try DoseEntry(
                id: .generate(now: now), employmentID: employment, personID: loaded.person.id, period: period,
                quantity: quantity,
                amount: NotionalDose.amount(for: period, quantity: quantity.limited, workerClass: workerClass),
                kind: .notional, supersedes: nil, recordedAt: now)
            return try DoseSealing.seal(entry, organisation: loaded.person.organisationID, with: key)
        }
    }

    /// The person's whole dose record with totals as of the calendar month containing `asOf` (default today).
    /// A wearer may read only their own.
    public func history(of personID: PersonID, asOf: CalendarDate? = nil, by caller: Caller) async throws
        -> DoseHistory
    {
        try people.requireReader(caller, of: personID)
        // The history needs the person's data key and employment ids, not their identity: the record is not opened.
        // The two reads are one after the other: each is a few rows, and a second task to overlap them cost more
        // in thread hand-offs than it saved.
        guard let record = try await store.person(id: personID, scope: caller.scope) else {
            throw ServiceError.notFound("person \(personID)")
        }
        let codec = try await people.codec(for: record.person.organisationID, caller: caller)
        let key = try codec.dataKey(record)
        let rows = try await store.doseEntries(of: personID, scope: caller.scope)
        let entries = try rows.map { try DoseSealing.open($0, with: key) }
        let accumulator = DoseAccumulator(entries: entries)
        let counting = Set(accumulator.current.map(\.id))
        let day = asOf ?? CalendarDate(clock())
        guard let month = DosePeriod.month(year: day.year, month: day.month) else {
            throw ServiceError.invalid(field: "asOf", "is not a date")
        }
        func totals(_ scope: DoseScope) -> [QuantityTotalsView] {
            Quantity.allCases.map { QuantityTotalsView($0, accumulator.totals(of: $0, in: scope, for: month)) }
        }
        let now = clock()
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dose.read", subject: personID.description, organisation: record.person.organisationID,
                purpose: caller.role == .wearer ? "subject-access" : "view", at: now, outcome: "entries=\(rows.count)")
        ]
        changes.auditEvents += people.monitor.observeRead(caller, people: [record.person], at: now)
        try await people.apply(changes, caller)
        return DoseHistory(
            person: personID, reportingPeriod: month,
            entries: entries.map { DoseSealing.view($0, counts: counting.contains($0.id)) },
            totals: totals(.person(personID)),
            byEmployment: record.employments.map {
                EmploymentTotalsView(employment: $0.id, totals: totals(.employment($0.id)))
            })
    }
}

/// Seals a dose entry's amount under the person's data key and opens it again.
enum DoseSealing {
    struct Amount: Codable {
        var microsieverts: Int64
        var belowReportingLevel: Bool

        init(microsieverts: Int64, belowReportingLevel: Bool) {
            self.microsieverts = microsieverts
            self.belowReportingLevel = belowReportingLevel
        }

        private static let prefix = Array(#"{"microsieverts":"#.utf8)
        private static let middle = Array(#","belowReportingLevel":"#.utf8)

        /// `{"microsieverts":N,"belowReportingLevel":B}`, written directly: `JSONEncoder` was a large share of the
        /// cost of sealing a file's entries, and ``init(bulk:)`` reads exactly this back.
        var bulk: [UInt8] {
            Self.prefix + Array(String(microsieverts).utf8) + Self.middle + Array(String(belowReportingLevel).utf8)
                + [UInt8(ascii: "}")]
        }

        /// The amount when `plain` is exactly ``bulk``'s spelling, nil for any other (which `JSONDecoder` then reads:
        /// amounts sealed by `JSONEncoder` before): a history opens every entry, and the decoder was most of the
        /// cost of opening one.
        init?(bulk plain: [UInt8]) {
            let prefix = Self.prefix
            let middle = Self.middle
            guard plain.count > prefix.count + middle.count + 5, plain.starts(with: prefix),
                plain.last == UInt8(ascii: "}")
            else { return nil }
            var index = prefix.count
            var negative = false
            if plain[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var value: Int64 = 0
            let digitsStart = index
            while index < plain.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(plain[index]) {
                let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowSum) = times.addingReportingOverflow(Int64(plain[index] - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowSum else { return nil }
                value = sum
                index += 1
            }
            guard index > digitsStart, plain[index...].starts(with: middle) else { return nil }
            index += middle.count
            switch Array(plain[index..<(plain.count - 1)]) {
            case Array("true".utf8): belowReportingLevel = true
            case Array("false".utf8): belowReportingLevel = false
            default: return nil
            }
            microsieverts = negative ? -value : value
        }
    }

    static func binding(_ organisation: OrganisationID, _ entry: DoseEntryID) -> AssociatedData {
        AssociatedData(
            organisation: organisation.description, table: "dose_entries", column: "amount", row: entry.description)
    }

    static func seal(_ entry: DoseEntry, organisation: OrganisationID, with key: DataKey) throws -> DoseEntryRow {
        try seal(entry, organisation: organisation, sealer: Sealer(dataKey: key))
    }

    /// ``seal(_:organisation:with:)`` with the person's sealer made once, for the many entries of a lab file.
    static func seal(_ entry: DoseEntry, organisation: OrganisationID, sealer: Sealer) throws -> DoseEntryRow {
        let plain = Amount(microsieverts: entry.amount.microsieverts, belowReportingLevel: entry.belowReportingLevel)
        return DoseEntryRow(
            id: entry.id, organisationID: organisation, employmentID: entry.employmentID, personID: entry.personID,
            periodBegin: entry.period.begin, periodEnd: entry.period.end, quantity: entry.quantity.rawValue,
            kind: entry.kind.rawValue, supersedes: entry.supersedes,
            sealedAmount: try sealer.seal(plain.bulk, binding: binding(organisation, entry.id)),
            recordedAt: entry.recordedAt)
    }

    static func open(_ row: DoseEntryRow, with key: DataKey) throws -> DoseEntry {
        let plain = try Sealer(dataKey: key).open(row.sealedAmount, binding: binding(row.organisationID, row.id))
        let amount = try Amount(bulk: plain) ?? JSONDecoder().decode(Amount.self, from: Data(plain))
        guard let quantity = Quantity(rawValue: row.quantity), let kind = DoseEntryKind(rawValue: row.kind) else {
            throw StoreError.corrupt("bad dose entry")
        }
        return try DoseEntry(
            id: row.id, employmentID: row.employmentID, personID: row.personID,
            period: try DosePeriod(begin: row.periodBegin, end: row.periodEnd), quantity: quantity,
            amount: Dose(microsieverts: amount.microsieverts), belowReportingLevel: amount.belowReportingLevel,
            kind: kind, supersedes: row.supersedes, recordedAt: row.recordedAt)
    }

    static func view(_ entry: DoseEntry, counts: Bool) -> DoseEntryView {
        DoseEntryView(
            id: entry.id, employment: entry.employmentID, periodBegin: entry.period.begin, periodEnd: entry.period.end,
            quantity: entry.quantity, operationalQuantity: entry.quantity.operationalQuantity, kind: entry.kind,
            mSv: entry.amount.mSvText, belowReportingLevel: entry.belowReportingLevel, supersedes: entry.supersedes,
            counts: counts, recordedAt: entry.recordedAt)
    }
}
