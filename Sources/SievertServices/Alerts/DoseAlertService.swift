import DoseCore
import Foundation
import Logging
import SievertStorage
import Vault

/// IRR17 dose alerts: after every change to a person's dose of record the limit check runs for the calendar
/// years touched; each new finding (over a limit, a reduced limit after an overexposure, an investigation level,
/// a pregnancy's budget, or a classification prompt) becomes one alert, raised once, and the organisation's lead
/// is told by e-mail through the outbox — a notice that names the organisation and the alert, never the person or
/// the dose. Alerts then move raised → acknowledged → investigating → closed, each step with who, when and a note.
public struct DoseAlertService: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let organisations: OrganisationService
    let clock: @Sendable () -> Date
    /// The sender address of notices.
    let mailFrom: String
    let logger: Logger

    /// Who raises alerts in the ledger and in an alert's first step.
    static let actor = "sievert:limit-check"

    // MARK: checking

    /// The check after a use case changed doses of `personIDs` at `organisation`, run by the service itself, so the
    /// ledger shows the limit check (not the lab or the lead) reading the record. The change is already committed;
    /// a failure here is logged (without personal data) and left for `recheck`, which raises whatever was
    /// missed, rather than reported as a failed change. `known` is what the use case already holds in clear.
    @discardableResult
    func afterChange(
        of personIDs: Set<PersonID>, years: Set<Int>, organisation: OrganisationID, requestID: String,
        known: KnownRecords = KnownRecords()
    ) async -> Int {
        do {
            return try await check(personIDs, years: years, requestID: requestID, known: known).count
        } catch {
            logger.error(
                "limit check after a dose change failed",
                metadata: ["organisation": "\(organisation)", "request": "\(requestID)", "error": "\(type(of: error))"])
            return 0
        }
    }

    /// What the limit check needs of a person for `year`: their class on the year's last day (an adult employee
    /// when the date of birth is unknown, the highest limit, so never a missed alert), each employment's
    /// designation and its organisation's levels (the department is the group), every pregnancy declared, and this
    /// record's special authorisation for the year, if any.
    static func subject(
        _ loaded: PeopleService.Loaded, linked: [PeopleService.Loaded] = [], year: Int, levels: InvestigationLevels
    ) -> LimitCheckSubject {
        let yearEnd = DosePeriod.calendarYear(year)?.end ?? CalendarDate(Date())
        let designation = loaded.employments.compactMap { $0.designations.designation(on: yearEnd) }.first
        let workerClass =
            loaded.person.identity.dateOfBirth.map {
                WorkerClass(designation: designation, dateOfBirth: $0, on: yearEnd)
            } ?? .employee
        return LimitCheckSubject(
            personID: loaded.person.id, workerClass: workerClass,
            employments: loaded.employments.map {
                EmploymentLimitContext(
                    employmentID: $0.id, classified: $0.designations.designation(on: yearEnd) == .classified,
                    investigationLevels: levels, group: $0.department)
            },
            // A pregnancy declared at any of the person's employers limits the dose from all of them.
            pregnancies: ([loaded] + linked).flatMap { $0.employments.flatMap(\.pregnancies) },
            // HSE authorises the special case for an employer's employee: this record's own authorisation applies.
            authorisation: loaded.employments.lazy.compactMap { $0.specialAuthorisation(for: year) }.first)
    }

    /// One alert per finding and person: the kind, quantity, the period's first day (a year, or the days after an
    /// overexposure, or a pregnancy's declaration) and the employment it concerns.
    static func fingerprint(_ finding: LimitFinding) -> String {
        [
            finding.kind.rawValue, finding.quantity.rawValue, finding.period.begin.iso,
            finding.employmentID?.description ?? "",
        ].joined(separator: "#")
    }

    // MARK: levels

    /// The organisation's investigation levels; the common local levels (6 mSv effective, 15 mSv lens,
    /// 150 mSv extremity) until it sets its own, as HSE expects every employer to have one.
    func levels(of organisation: OrganisationID, caller: Caller) async throws -> InvestigationLevels {
        guard let row = try await store.investigationLevels(of: organisation, scope: caller.scope) else {
            return .commonLocal
        }
        do {
            return try JSONDecoder().decode(InvestigationLevels.self, from: Data(row.levels.utf8))
        } catch {
            throw ServiceError.unavailable("stored investigation levels cannot be read")
        }
    }

    /// An organisation's investigation levels (rps-admin or its lead).
    public func investigationLevels(organisation code: String, by caller: Caller) async throws
        -> InvestigationLevelsInput
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        return InvestigationLevelsInput(try await levels(of: organisation.id, caller: caller))
    }

    /// The investigation levels that apply at a person's employer, for the person's own dose chart (the person,
    /// the organisation's lead or rps-admin). Levels are settings, not personal data: not audited.
    public func investigationLevels(of person: PersonID, by caller: Caller) async throws -> InvestigationLevels {
        try people.requireReader(caller, of: person)
        guard let record = try await store.person(id: person, scope: caller.scope) else {
            throw ServiceError.notFound("person \(person)")
        }
        return try await levels(of: record.person.organisationID, caller: caller)
    }

    /// Sets an organisation's investigation levels; a level for effective dose above the formal 15 mSv is kept
    /// but never applied above it (IRR17 reg 9(8)).
    public func setInvestigationLevels(_ input: InvestigationLevelsInput, organisation code: String, by caller: Caller)
        async throws -> InvestigationLevelsInput
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        let levels = try input.levels()
        let now = clock()
        var changes = ChangeSet()
        changes.investigationLevels = [
            InvestigationLevelsRow(
                organisationID: organisation.id,
                levels: String(decoding: try JSONEncoder().encode(levels), as: UTF8.self), updatedAt: now)
        ]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "alert.levels.set", subject: nil, organisation: organisation.id, purpose: "dose-limits",
                at: now)
        ]
        try await people.apply(changes, caller)
        return InvestigationLevelsInput(levels)
    }

    // MARK: sealing

    static func binding(_ organisation: OrganisationID, _ id: AlertID) -> AssociatedData {
        AssociatedData(
            organisation: organisation.description, table: "dose_alerts", column: "alert", row: id.description)
    }

    static func seal(_ alert: Alert, organisation: OrganisationID, sealer: Sealer) throws -> [UInt8] {
        try sealer.seal(Array(try JSONEncoder().encode(alert)), binding: binding(organisation, alert.id))
    }

    static func open(_ row: DoseAlertRow, sealer: Sealer) throws -> Alert {
        let plain = try sealer.open(row.sealedAlert, binding: binding(row.organisationID, row.id))
        return try JSONDecoder().decode(Alert.self, from: Data(plain))
    }
}
