import DoseCore
import Foundation
import SievertStorage

/// Dosemeters and wear periods: the inventory, monitoring assignments, the wear-period calendar and settings of
/// each organisation. Issue lists and returns are in `DosemeterService+Issue.swift`. Every write is audited; rows
/// carry ids, serials, codes, enums and dates only.
public struct DosemeterService: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let organisations: OrganisationService
    let alerts: DoseAlertService
    let clock: @Sendable () -> Date

    /// Default settings of an organisation that never set its own.
    public static let defaultSettings = DosimetrySettings()

    // MARK: inventory

    /// Receives dosemeters into an organisation's inventory (rps-admin or its lead). Serials are upper-cased;
    /// one already in the inventory, or given twice, is refused and nothing is added.
    public func receive(_ input: NewDosemeters, organisation code: String, by caller: Caller) async throws
        -> [DosemeterView]
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        var errors: [ValidationError] = []
        // Controls are ordinary dosemeters of the kind they stand for, kept unworn: the issue takes them from stock.
        let kind = DosemeterKind(rawValue: input.kind).flatMap { $0 == .control ? nil : $0 }
        if kind == nil {
            errors.append(ValidationError(field: "kind", reason: "must be whole-body, extremity or eye"))
        }
        let technology = input.technology.trimmingCharacters(in: .whitespaces)
        if !Self.isCode(technology, maximum: 16) {
            errors.append(ValidationError(field: "technology", reason: "must be 1 to 16 letters or digits, e.g. OSL"))
        }
        if input.serials.isEmpty || input.serials.count > 10_000 {
            errors.append(ValidationError(field: "serials", reason: "must list 1 to 10,000 serials"))
        }
        var serials: [String] = []
        var seen = Set<String>()
        for (index, text) in input.serials.prefix(10_000).enumerated() {
            guard let serial = Self.serial(text) else {
                errors.append(
                    ValidationError(
                        field: "serials[\(index)]",
                        reason: "must be 1 to 32 letters, digits, '-', '_', '.' or '/', starting with a letter or digit"
                    ))
                continue
            }
            if !seen.insert(serial).inserted {
                errors.append(ValidationError(field: "serials[\(index)]", reason: "is listed twice"))
            }
            serials.append(serial)
        }
        guard errors.isEmpty, let kind else { throw ServiceError.invalid(errors) }
        let existing = Set(try await store.dosemeters(of: organisation.id, scope: caller.scope).map(\.serial))
        if let index = serials.firstIndex(where: existing.contains) {
            throw ServiceError.invalid(field: "serials[\(index)]", "is already in the inventory")
        }
        let now = clock()
        var changes = ChangeSet()
        changes.newDosemeters = serials.map {
            DosemeterRow(
                id: .generate(now: now), organisationID: organisation.id, serial: $0, kind: kind.rawValue,
                technology: technology.uppercased(), state: DosemeterState.inStock.rawValue, createdAt: now,
                updatedAt: now)
        }
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dosemeter.receive", subject: nil, organisation: organisation.id, purpose: "dosimetry",
                at: now, outcome: "count=\(serials.count)")
        ]
        try await apply(changes, caller)
        return try changes.newDosemeters.map(Self.view)
    }

    /// An organisation's inventory, by serial.
    public func inventory(organisation code: String, by caller: Caller) async throws -> [DosemeterView] {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        return try await store.dosemeters(of: organisation.id, scope: caller.scope).map(Self.view)
    }

    // MARK: assignments

    /// Assigns a dosemeter duty to a person's employment, making the employment's participant code if it has
    /// none (in the same change set). One open assignment per employment and position.
    public func assign(_ input: NewAssignment, by caller: Caller) async throws -> AssignmentView {
        try await assign([input], by: caller)[0]
    }

    /// Assigns several at once, all or nothing; errors name the input by index (`assignments[3].position`) when
    /// there is more than one.
    public func assign(_ inputs: [NewAssignment], by caller: Caller) async throws -> [AssignmentView] {
        try await assign(inputs, within: nil, by: caller)
    }

    /// Assigns several people of the organisation `code` at once, all or nothing; a person of another
    /// organisation is refused like an unknown one.
    public func assign(_ inputs: [NewAssignment], organisation code: String, by caller: Caller) async throws
        -> [AssignmentView]
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        return try await assign(inputs, within: organisation.id, by: caller)
    }

    func assign(_ inputs: [NewAssignment], within only: OrganisationID?, by caller: Caller) async throws
        -> [AssignmentView]
    {
        try people.requireManager(caller)
        guard !inputs.isEmpty, inputs.count <= 10_000 else {
            throw ServiceError.invalid(field: "assignments", "must hold 1 to 10,000 assignments")
        }
        let now = clock()
        let today = CalendarDate(now)
        var errors: [ValidationError] = []
        var changes = ChangeSet()
        var views: [AssignmentView] = []
        // Per organisation, loaded once: its assignments and participant codes.
        var assignmentsOf: [OrganisationID: [AssignmentRow]] = [:]
        var codesOf: [OrganisationID: [EmploymentID: String]] = [:]
        for (index, input) in inputs.enumerated() {
            let prefix = inputs.count == 1 ? "" : "assignments[\(index)]."
            func fail(_ field: String, _ reason: String) {
                errors.append(ValidationError(field: prefix + field, reason: reason))
            }
            guard let personID = PersonID(input.person) else {
                fail("person", "is not a person id")
                continue
            }
            let loaded: PeopleService.Loaded
            do {
                loaded = try await people.load(personID, caller: caller)
            } catch let error as ServiceError where error.code == "not-found" {
                fail("person", "is not a person of an organisation you manage")
                continue
            }
            if let only, loaded.person.organisationID != only {
                fail("person", "is not a person of an organisation you manage")
                continue
            }
            let position = BodyPosition(rawValue: input.position)
            if position == nil || position == BodyPosition.none {
                fail(
                    "position",
                    "must be one of "
                        + BodyPosition.allCases.filter { $0 != .none }.map(\.rawValue).joined(separator: ", "))
            }
            let frequency = WearFrequency(rawValue: input.frequency)
            if frequency == nil { fail("frequency", "must be monthly, two-monthly or quarterly") }
            var starts = today
            if let text = input.starts {
                do { starts = try CalendarDate(iso: text) } catch { fail("starts", error.reason) }
            }
            let open = loaded.employments.filter { $0.end.map { $0 >= starts } ?? true }
            var employment: Employment?
            if let text = input.employment {
                employment = open.first { $0.id.description == text.lowercased() }
                if employment == nil { fail("employment", "is not an open record of this person") }
            } else if open.count == 1 {
                employment = open.first
            } else {
                fail(
                    "employment", open.isEmpty ? "the person has no open record" : "is required: the person has several"
                )
            }
            guard let position, position != .none, let frequency, let employment else { continue }
            let organisation = loaded.person.organisationID
            if assignmentsOf[organisation] == nil {
                assignmentsOf[organisation] = try await store.assignments(of: organisation, scope: caller.scope)
                codesOf[organisation] = Dictionary(
                    try await store.participants(of: organisation, scope: caller.scope).map {
                        ($0.employmentID, $0.code)
                    },
                    uniquingKeysWith: { first, _ in first })
            }
            let clash = (assignmentsOf[organisation] ?? []).contains {
                $0.employmentID == employment.id && $0.position == position.rawValue
                    && ($0.ends.map { $0 >= starts } ?? true)
            }
            if clash {
                fail("position", "this record already has an open assignment at \(position.rawValue)")
                continue
            }
            if codesOf[organisation]?[employment.id] == nil {
                let code = Participants.generate()
                codesOf[organisation]?[employment.id] = code
                changes.newParticipants.append(
                    ParticipantRow(
                        code: code, organisationID: organisation, employmentID: employment.id, personID: personID,
                        createdAt: now))
            }
            let row = AssignmentRow(
                id: .generate(now: now), organisationID: organisation, employmentID: employment.id,
                personID: personID, position: position.rawValue, frequency: frequency.rawValue, starts: starts,
                ends: nil, createdAt: now, updatedAt: now)
            assignmentsOf[organisation, default: []].append(row)
            changes.newAssignments.append(row)
            changes.auditEvents.append(
                AuditTrail.event(
                    caller, "dosemeter.assign", subject: personID.description, organisation: organisation,
                    purpose: "dosimetry", at: now, outcome: "assignment=\(row.id)"))
            views.append(try Self.view(row, code: codesOf[organisation]?[employment.id]))
        }
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        try await apply(changes, caller)
        return views
    }

    /// Ends an assignment on `on` (a date, default today): no dosemeter is issued for a period beginning after it.
    public func endAssignment(_ id: AssignmentID, on text: String?, organisation code: String, by caller: Caller)
        async throws -> AssignmentView
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        guard
            var row = try await store.assignments(of: organisation.id, scope: caller.scope).first(where: { $0.id == id }
            )
        else { throw ServiceError.notFound("assignment \(id)") }
        let now = clock()
        var ends = CalendarDate(now)
        if let text {
            do { ends = try CalendarDate(iso: text) } catch { throw ServiceError.invalid(field: "on", error.reason) }
        }
        guard ends >= row.starts else { throw ServiceError.invalid(field: "on", "is before the assignment starts") }
        guard row.ends == nil else { throw ServiceError.conflict("the assignment has already ended") }
        row.ends = ends
        row.updatedAt = now
        var changes = ChangeSet()
        changes.assignmentUpdates = [row]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dosemeter.unassign", subject: row.personID.description, organisation: organisation.id,
                purpose: "dosimetry", at: now, outcome: "assignment=\(row.id)")
        ]
        try await apply(changes, caller)
        let code = try await store.participants(of: organisation.id, scope: caller.scope)
            .first { $0.employmentID == row.employmentID }?.code
        return try Self.view(row, code: code)
    }

    /// An organisation's assignments, oldest first (ended ones included); only one person's when `person` is
    /// given.
    public func assignments(organisation code: String, person: PersonID? = nil, by caller: Caller) async throws
        -> [AssignmentView]
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        let codes = Dictionary(
            try await store.participants(of: organisation.id, scope: caller.scope).map { ($0.employmentID, $0.code) },
            uniquingKeysWith: { first, _ in first })
        let rows = try await store.assignments(of: organisation.id, scope: caller.scope)
            .filter { person == nil || $0.personID == person }
        var changes = ChangeSet()
        let now = clock()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dosemeter.assignments.read", subject: person?.description, organisation: organisation.id,
                purpose: "dosimetry", at: now, outcome: "rows=\(rows.count)")
        ]
        try await apply(changes, caller)
        return try rows.map { try Self.view($0, code: codes[$0.employmentID]) }
    }

    // MARK: settings

    /// An organisation's dosimetry settings (the defaults until set).
    public func settings(organisation code: String, by caller: Caller) async throws -> DosimetrySettings {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        return try await settings(of: organisation.id, caller: caller)
    }

    func settings(of organisation: OrganisationID, caller: Caller) async throws -> DosimetrySettings {
        guard let row = try await store.organisationSettings(of: organisation, scope: caller.scope) else {
            return Self.defaultSettings
        }
        return DosimetrySettings(
            wearAnchorMonth: row.wearAnchorMonth,
            minimumReportingLevelMSv: row.minimumReportingLevel.map { Dose(microsieverts: $0).mSvText },
            returnDueDays: row.returnDueDays)
    }

    /// Replaces an organisation's dosimetry settings (rps-admin or its lead).
    public func updateSettings(_ input: DosimetrySettings, organisation code: String, by caller: Caller) async throws
        -> DosimetrySettings
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        var errors: [ValidationError] = []
        if WearCalendar(anchorMonth: input.wearAnchorMonth) == nil {
            errors.append(ValidationError(field: "wearAnchorMonth", reason: "must be a month number, 1 to 12"))
        }
        if !(1...365).contains(input.returnDueDays) {
            errors.append(ValidationError(field: "returnDueDays", reason: "must be 1 to 365 days"))
        }
        var level: Int64?
        if let text = input.minimumReportingLevelMSv {
            let field = "minimumReportingLevelMSv"
            do {
                let dose = try Dose(mSv: text)
                if (1...1000).contains(dose.microsieverts) {
                    level = dose.microsieverts
                } else {
                    errors.append(ValidationError(field: field, reason: "must be above 0 and at most 1 mSv"))
                }
            } catch {
                errors.append(ValidationError(field: field, reason: error.reason))
            }
        }
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        let now = clock()
        var changes = ChangeSet()
        changes.organisationSettings = [
            OrganisationSettingsRow(
                organisationID: organisation.id, wearAnchorMonth: input.wearAnchorMonth, minimumReportingLevel: level,
                returnDueDays: input.returnDueDays, updatedAt: now)
        ]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "organisation.settings", subject: nil, organisation: organisation.id, purpose: "dosimetry",
                at: now)
        ]
        try await apply(changes, caller)
        return try await settings(of: organisation.id, caller: caller)
    }

    // MARK: shared

    func apply(_ changes: ChangeSet, _ caller: Caller) async throws {
        do {
            try await store.apply(changes, scope: caller.scope)
        } catch let error as StoreError where error.isConflict {
            throw ServiceError.conflict("another change got there first; nothing was written, try again")
        } catch {
            throw ServiceError.from(error)
        }
    }

    /// A serial as stored: trimmed, upper-cased, 1–32 of `A-Z 0-9 - _ . /`, starting with a letter or digit (so
    /// no spreadsheet reads it as a formula).
    static func serial(_ text: String) -> String? {
        let serial = text.trimmingCharacters(in: .whitespaces).uppercased()
        let bytes = Array(serial.utf8)
        guard (1...32).contains(bytes.count), let first = bytes.first, Self.isAlphanumeric(first),
            bytes.allSatisfy({ Self.isAlphanumeric($0) || "-_./".utf8.contains($0) })
        else { return nil }
        return serial
    }

    static func isCode(_ text: String, maximum: Int) -> Bool {
        (1...maximum).contains(text.utf8.count) && text.utf8.allSatisfy(isAlphanumeric)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func view(_ row: DosemeterRow) throws -> DosemeterView {
        guard let kind = DosemeterKind(rawValue: row.kind), let state = DosemeterState(rawValue: row.state) else {
            throw ServiceError.unavailable("a stored dosemeter has an unknown kind or state")
        }
        return DosemeterView(id: row.id, serial: row.serial, kind: kind, technology: row.technology, state: state)
    }

    static func view(_ row: AssignmentRow, code: String?) throws -> AssignmentView {
        guard let position = BodyPosition(rawValue: row.position),
            let frequency = WearFrequency(rawValue: row.frequency)
        else { throw ServiceError.unavailable("a stored assignment has an unknown position or frequency") }
        return AssignmentView(
            id: row.id, person: row.personID, employment: row.employmentID, participantCode: code, kind: position.kind,
            position: position, frequency: frequency, starts: row.starts, ends: row.ends)
    }
}
