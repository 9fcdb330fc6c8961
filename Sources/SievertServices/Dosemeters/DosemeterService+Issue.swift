import DoseCore
import Foundation
import Interchange
import SievertStorage

extension DosemeterService {
    /// Issues dosemeters for the wear periods beginning in `month` (`YYYY-MM`): one per open assignment whose
    /// frequency's period starts that month, taken from stock by serial, plus one control per kind and period of
    /// the batch. Running it again issues only what is missing (a new assignment), so the list is never issued
    /// twice. One dispatch batch per organisation and month: late additions travel under its controls, which is
    /// also how the readings import pairs controls (same period and type).
    public func issue(organisation code: String, month text: String, by caller: Caller) async throws -> IssueList {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        let month: YearMonth
        do { month = try YearMonth(parsing: text) } catch { throw ServiceError.invalid(field: "month", error.reason) }
        let settings = try await settings(of: organisation.id, caller: caller)
        let calendar = WearCalendar(anchorMonth: settings.wearAnchorMonth) ?? .calendarYear
        let begin = month.period.begin
        let batch = Self.batch(organisation.code, month)
        let scope = caller.scope
        let existing = try await store.dosemeterIssues(of: organisation.id, periodBegin: begin, scope: scope)
        let issuedAssignments = Set(existing.compactMap(\.assignmentID))
        var codes = Dictionary(
            try await store.participants(of: organisation.id, scope: scope).map { ($0.employmentID, $0.code) },
            uniquingKeysWith: { first, _ in first })
        // Who gets a dosemeter: open assignments whose cycle starts this month and covers part of the period.
        var due: [(AssignmentRow, BodyPosition, DosePeriod)] = []
        for row in try await store.assignments(of: organisation.id, scope: scope) {
            guard !issuedAssignments.contains(row.id), let position = BodyPosition(rawValue: row.position),
                let frequency = WearFrequency(rawValue: row.frequency),
                let period = calendar.period(startingIn: month, frequency: frequency), row.starts <= period.end,
                row.ends.map({ $0 >= period.begin }) ?? true
            else { continue }
            due.append((row, position, period))
        }
        // Controls: one per kind and period among everything of the batch, old and new. A control is an ordinary
        // dosemeter of the kind it stands for, kept unworn, so its inventory kind says which.
        let inventory = try await store.dosemeters(of: organisation.id, scope: scope)
        let kindOf = Dictionary(inventory.map { ($0.id, $0.kind) }, uniquingKeysWith: { first, _ in first })
        let covered = Set(
            existing.filter { $0.assignmentID == nil }.map { "\($0.periodEnd)#\(kindOf[$0.dosemeterID] ?? "")" })
        var wanted = Set<String>()
        var controlsNeeded: [(DosemeterKind, DosePeriod)] = []
        let worn =
            existing.compactMap { row in
                BodyPosition(rawValue: row.position).flatMap { $0 == .none ? nil : ($0.kind, row.periodEnd) }
            } + due.map { ($0.1.kind, $0.2.end) }
        for (kind, end) in worn where wanted.insert("\(end)#\(kind.rawValue)").inserted {
            guard !covered.contains("\(end)#\(kind.rawValue)") else { continue }
            // Valid: `end` is the end of a period beginning on `begin`.
            controlsNeeded.append((kind, try DosePeriod(begin: begin, end: end)))
        }
        let now = clock()
        var changes = ChangeSet()
        if !due.isEmpty || !controlsNeeded.isEmpty {
            var stock = Dictionary(grouping: inventory.filter { $0.state == DosemeterState.inStock.rawValue }) {
                $0.kind
            }
            var shortfall: [String: Int] = [:]
            func take(_ kind: DosemeterKind) -> DosemeterRow? {
                guard var row = stock[kind.rawValue]?.first else {
                    shortfall[kind.rawValue, default: 0] += 1
                    return nil
                }
                stock[kind.rawValue]?.removeFirst()
                row.state = DosemeterState.issued.rawValue
                row.updatedAt = now
                changes.dosemeterUpdates.append(row)
                return row
            }
            for (assignment, position, period) in due {
                guard let dosemeter = take(position.kind) else { continue }
                if codes[assignment.employmentID] == nil {
                    let code = Participants.generate()
                    codes[assignment.employmentID] = code
                    changes.newParticipants.append(
                        ParticipantRow(
                            code: code, organisationID: organisation.id, employmentID: assignment.employmentID,
                            personID: assignment.personID, createdAt: now))
                }
                changes.newIssues.append(
                    DosemeterIssueRow(
                        id: .generate(now: now), organisationID: organisation.id, dosemeterID: dosemeter.id,
                        serial: dosemeter.serial, position: position.rawValue, assignmentID: assignment.id,
                        employmentID: assignment.employmentID, personID: assignment.personID,
                        participantCode: codes[assignment.employmentID], periodBegin: period.begin,
                        periodEnd: period.end, batch: batch, issuedAt: now, returnStatus: nil, returnedOn: nil,
                        updatedAt: now))
                changes.auditEvents.append(
                    AuditTrail.event(
                        caller, "dosemeter.issue", subject: assignment.personID.description,
                        organisation: organisation.id, purpose: "dosimetry",
                        at: now, outcome: "serial=\(dosemeter.serial)"))
            }
            for (kind, period) in controlsNeeded {
                guard let dosemeter = take(kind) else { continue }
                changes.newIssues.append(
                    DosemeterIssueRow(
                        id: .generate(now: now), organisationID: organisation.id, dosemeterID: dosemeter.id,
                        serial: dosemeter.serial, position: BodyPosition.none.rawValue, assignmentID: nil,
                        employmentID: nil, personID: nil, participantCode: nil, periodBegin: period.begin,
                        periodEnd: period.end, batch: batch, issuedAt: now, returnStatus: nil, returnedOn: nil,
                        updatedAt: now))
            }
            guard shortfall.isEmpty else {
                let detail = shortfall.sorted { $0.key < $1.key }.map { "\($0.value) more \($0.key)" }
                throw ServiceError.conflict(
                    "not enough dosemeters in stock for \(month): receive \(detail.joined(separator: " and ")) first;"
                        + " nothing was issued")
            }
        }
        changes.auditEvents.append(
            AuditTrail.event(
                caller, "dosemeter.issue-list", subject: nil, organisation: organisation.id, purpose: "lab-dispatch",
                at: now, outcome: "month=\(month),issued=\(changes.newIssues.count)"))
        try await apply(changes, caller)
        return try Self.list(
            existing + changes.newIssues, organisation: organisation.code, month: month, settings: settings,
            issuedNow: changes.newIssues.count, at: now)
    }

    /// The issue list as the lab receives it (`LabIssueListCSV`): serials, participant codes, kinds, positions
    /// and periods, controls included. No name, date of birth or NINO can appear: the file has no column for them.
    public static func labFile(_ list: IssueList) throws -> [UInt8] {
        LabIssueListCSV.write(
            try list.dosemeters.map {
                LabIssueListRow(
                    serial: $0.serial, participantCode: $0.participantCode, position: $0.position,
                    period: try DosePeriod(begin: $0.periodBegin, end: $0.periodEnd))
            })
    }

    /// Records how an issued dosemeter came back. A lost or damaged one gets reg 23 notional entries for its
    /// quantities in the same change set (an investigation's estimate supersedes them later). A lost dosemeter
    /// leaves the inventory; a damaged one is retired; the rest go back to stock. Recording the same return again
    /// changes nothing; a different one after a lost or damaged return is refused (the notional dose stands until
    /// an estimate supersedes it).
    public func recordReturn(_ input: NewReturn, organisation code: String, by caller: Caller) async throws
        -> IssuedDosemeterView
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        var errors: [ValidationError] = []
        var month: YearMonth?
        do { month = try YearMonth(parsing: input.month) } catch {
            errors.append(ValidationError(field: "month", reason: error.reason))
        }
        let status = DosemeterReturn(rawValue: input.status)
        if status == nil {
            errors.append(ValidationError(field: "status", reason: "must be returned, unused, lost or damaged"))
        }
        let now = clock()
        var on = CalendarDate(now)
        if let text = input.on {
            do { on = try CalendarDate(iso: text) } catch {
                errors.append(ValidationError(field: "on", reason: error.reason))
            }
        }
        let serial = Self.serial(input.serial)
        if serial == nil { errors.append(ValidationError(field: "serial", reason: "is not a dosemeter serial")) }
        guard errors.isEmpty, let month, let status, let serial else { throw ServiceError.invalid(errors) }
        let settings = try await settings(of: organisation.id, caller: caller)
        let issues = try await store.dosemeterIssues(
            of: organisation.id, periodBegin: month.period.begin, scope: caller.scope)
        guard var issue = issues.first(where: { $0.serial == serial }) else {
            throw ServiceError.notFound("dosemeter \(serial) issued for \(month)")
        }
        guard on >= issue.periodBegin else {
            throw ServiceError.invalid(field: "on", "is before the wear period began")
        }
        if let previous = issue.returnStatus.flatMap(DosemeterReturn.init) {
            if previous == status { return try Self.view(issue, returnDueDays: settings.returnDueDays, today: on) }
            if previous == .lost || previous == .damaged {
                throw ServiceError.conflict(
                    "this dosemeter was recorded \(previous.rawValue) and carries a notional dose; record an estimate")
            }
        }
        issue.returnStatus = status.rawValue
        issue.returnedOn = on
        issue.updatedAt = now
        var changes = ChangeSet()
        changes.issueUpdates = [issue]
        if let dosemeter = try await store.dosemeters(of: organisation.id, scope: caller.scope)
            .first(where: { $0.id == issue.dosemeterID })
        {
            var updated = dosemeter
            updated.state =
                switch status {
                case .lost: DosemeterState.lost.rawValue
                case .damaged: DosemeterState.retired.rawValue
                case .returned, .unused: DosemeterState.inStock.rawValue
                }
            updated.updatedAt = now
            if updated != dosemeter { changes.dosemeterUpdates = [updated] }
        }
        if status == .lost || status == .damaged, let personID = issue.personID, let employmentID = issue.employmentID,
            let position = BodyPosition(rawValue: issue.position)
        {
            let period = try DosePeriod(begin: issue.periodBegin, end: issue.periodEnd)
            let loaded = try await people.load(personID, caller: caller)
            changes.newDoseEntries = try DoseRecordService.notionalEntries(
                loaded, employment: employmentID, period: period, quantities: position.kind.quantities, at: now)
        }
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dosemeter.return", subject: issue.personID?.description, organisation: organisation.id,
                purpose: "dosimetry", at: now,
                outcome: "serial=\(serial),status=\(status.rawValue),notional=\(changes.newDoseEntries.count)")
        ]
        try await apply(changes, caller)
        if let personID = issue.personID, !changes.newDoseEntries.isEmpty {
            await alerts.afterChange(
                of: [personID], years: [issue.periodEnd.year], organisation: organisation.id,
                requestID: caller.requestID)
        }
        return try Self.view(issue, returnDueDays: settings.returnDueDays, today: on)
    }

    /// Dosemeters issued whose wear period has begun and that have neither a recorded return nor a lab reading,
    /// oldest period first, with their age in days since the period ended (as of `asOf`, default today).
    public func unreturned(organisation code: String, asOf text: String? = nil, by caller: Caller) async throws
        -> [UnreturnedDosemeterView]
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        let now = clock()
        var today = CalendarDate(now)
        if let text {
            do { today = try CalendarDate(iso: text) } catch { throw ServiceError.invalid(field: "asOf", error.reason) }
        }
        let settings = try await settings(of: organisation.id, caller: caller)
        let read = Set(
            try await store.labReadings(of: organisation.id, scope: caller.scope).map {
                "\($0.serial)#\($0.periodBegin)"
            })
        let out = try await store.dosemeterIssues(of: organisation.id, periodBegin: nil, scope: caller.scope).filter {
            $0.returnStatus == nil && $0.periodBegin <= today && !read.contains("\($0.serial)#\($0.periodBegin)")
        }
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dosemeter.unreturned.read", subject: nil, organisation: organisation.id,
                purpose: "dosimetry", at: now, outcome: "rows=\(out.count)")
        ]
        try await apply(changes, caller)
        return try out.sorted { ($0.periodEnd, $0.serial) < ($1.periodEnd, $1.serial) }.map { row in
            guard let position = BodyPosition(rawValue: row.position) else {
                throw ServiceError.unavailable("a stored issue has an unknown position")
            }
            let age = row.periodEnd.days(until: today)
            return UnreturnedDosemeterView(
                serial: row.serial, participantCode: row.participantCode, person: row.personID, kind: position.kind,
                position: position, periodBegin: row.periodBegin, periodEnd: row.periodEnd, ageDays: age,
                overdue: age > settings.returnDueDays)
        }
    }

    static func view(_ row: DosemeterIssueRow, returnDueDays: Int, today: CalendarDate) throws -> IssuedDosemeterView {
        guard let position = BodyPosition(rawValue: row.position) else {
            throw ServiceError.unavailable("a stored issue has an unknown position")
        }
        let due = row.periodEnd.adding(days: returnDueDays) ?? row.periodEnd
        let late = (row.returnedOn ?? today) > due
        return IssuedDosemeterView(
            serial: row.serial, participantCode: row.participantCode, person: row.personID, kind: position.kind,
            position: position, periodBegin: row.periodBegin, periodEnd: row.periodEnd, batch: row.batch,
            returnStatus: row.returnStatus.flatMap(DosemeterReturn.init), returnedOn: row.returnedOn, late: late)
    }
}
