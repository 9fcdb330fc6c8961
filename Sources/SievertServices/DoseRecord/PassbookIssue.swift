import DoseCore
import Foundation
import Passbook
import SievertStorage

/// A passbook as issued: its serial, how many entries it holds, and the signed text file to hand over.
public struct IssuedPassbook: Sendable, Hashable {
    public var serial: String
    public var entries: Int
    public var text: String
}

/// Issues a classified outside worker's radiation passbook from the dose of record: the holder (identity as on
/// the record), then one signed entry per employer, wear period and kind of entry, oldest first, each with the
/// calendar year's totals so far. The file is handed over and never stored; building it decrypts the record,
/// so it is audited as an export of that person.
public struct PassbookIssue: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let clock: @Sendable () -> Date
    /// Nil when no passbook key is configured (production without `--passbook-key-file`).
    let signer: PassbookSigner?
    /// The issuing service's name, as every entry states it.
    let serviceName: String

    /// The passbook of `personID` as its text file. Only for someone designated classified (or a classified
    /// outside worker) in at least one of their records; rps-admin, the lead of the person's organisation, or the
    /// wearer themself.
    public func issue(for personID: PersonID, by caller: Caller) async throws -> IssuedPassbook {
        try people.requireReader(caller, of: personID)
        guard let signer else {
            throw ServiceError.unavailable("no passbook signing key is configured (--passbook-key-file)")
        }
        let loaded = try await people.load(personID, caller: caller)
        let designations = loaded.employments.flatMap { $0.designations.periods.map(\.designation) }
        guard designations.contains(where: { $0 == .classified || $0 == .outsideWorker }) else {
            throw ServiceError.conflict("a passbook is for classified workers; this person was never classified")
        }
        guard let dateOfBirth = loaded.person.identity.dateOfBirth else {
            throw ServiceError.conflict("a passbook needs the holder's date of birth, which the record lacks")
        }
        let key = try loaded.codec.dataKey(loaded.record)
        let entries = try await store.doseEntries(of: personID, scope: caller.scope).map {
            try DoseSealing.open($0, with: key)
        }
        let now = clock()
        let employer = try OrganisationCode(loaded.organisationCode)
        let holder = try Self.checked { () throws(ValidationError) -> PassbookHolder in
            try PassbookHolder(
                serial: Self.serial(personID), personID: personID, surname: loaded.person.identity.surname,
                forenames: loaded.person.identity.forenames ?? "", dateOfBirth: dateOfBirth,
                nino: loaded.person.identity.nino, issuedAt: now)
        }
        let current = DoseAccumulator(entries: entries).current
        let passbookEntries = try Self.checked { () throws(ValidationError) -> [PassbookEntry] in
            try Self.entries(
                current, employments: loaded.employments, employer: employer, service: serviceName, at: now)
        }
        let passbook: SignedPassbook
        do {
            passbook = try signer.issue(holder: holder, entries: passbookEntries, sealedAt: now)
        } catch {
            throw ServiceError.conflict("the passbook cannot be issued: \(error)")
        }
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dose.export", subject: personID.description, organisation: loaded.person.organisationID,
                purpose: "passbook", at: now, outcome: "passbook=\(holder.serial),entries=\(passbookEntries.count)")
        ]
        try await people.apply(changes, caller)
        return IssuedPassbook(serial: holder.serial, entries: passbookEntries.count, text: passbook.text)
    }

    /// `body`'s value, or a conflict naming the field a record's value broke a passbook rule with.
    static func checked<T>(_ body: () throws(ValidationError) -> T) throws(ServiceError) -> T {
        do {
            return try body()
        } catch {
            throw ServiceError.conflict("the record cannot be written as a passbook: \(error.field): \(error.reason)")
        }
    }

    /// The passbook serial: fixed per person, so a reissued passbook is recognisably the same book.
    static func serial(_ personID: PersonID) -> String {
        "PB-" + personID.description.replacingOccurrences(of: "-", with: "").prefix(20).uppercased()
    }

    /// One entry per employment, period and kind, oldest period first, with running calendar-year totals per
    /// operational quantity. Hp(0.07) is the skin dose where one was measured and otherwise the extremity dose:
    /// a passbook line has one Hp(0.07), and a ring's reading is the highest skin dose of that period.
    static func entries(
        _ counting: [DoseEntry], employments: [Employment], employer: OrganisationCode, service: String, at now: Date
    ) throws(ValidationError) -> [PassbookEntry] {
        struct Slot: Hashable {
            var employment: EmploymentID
            var period: DosePeriod
            var kind: DoseEntryKind
        }
        let groups = Dictionary(grouping: counting) {
            Slot(employment: $0.employmentID, period: $0.period, kind: $0.kind)
        }
        let slots = groups.keys.sorted {
            ($0.period.end, $0.period.begin, $0.employment.description, $0.kind.rawValue)
                < ($1.period.end, $1.period.begin, $1.employment.description, $1.kind.rawValue)
        }
        var totals: [Int: [Dose?]] = [:]
        var result: [PassbookEntry] = []
        for slot in slots {
            let entries = groups[slot] ?? []
            func sum(_ quantities: Set<Quantity>) -> Dose? {
                let matching = entries.filter { quantities.contains($0.quantity) }
                return matching.isEmpty ? nil : matching.reduce(Dose.zero) { $0 + $1.amount }
            }
            let doses = [sum([.effective, .neutron]), sum([.skin]) ?? sum([.extremity]), sum([.lens])]
            let year = slot.period.end.year
            var running = totals[year] ?? [nil, nil, nil]
            for index in 0..<3 {
                if let dose = doses[index] { running[index] = (running[index] ?? .zero) + dose }
            }
            totals[year] = running
            let designation =
                employments.first { $0.id == slot.employment }?.designations.designation(on: slot.period.end)
                ?? .nonClassified
            result.append(
                try PassbookEntry(
                    issuedAt: now, service: service, employer: employer, period: slot.period, kind: slot.kind,
                    doses: PassbookDoses(hp10: doses[0], hp007: doses[1], hp3: doses[2]),
                    yearToDate: PassbookDoses(hp10: running[0], hp007: running[1], hp3: running[2]),
                    designation: designation))
        }
        return result
    }
}
