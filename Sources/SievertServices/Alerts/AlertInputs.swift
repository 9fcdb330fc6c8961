import DoseCore
import Foundation

/// A dose alert as its managers see it: the finding in mSv, and every step of its workflow.
public struct AlertView: Codable, Sendable, Hashable {
    public struct Step: Codable, Sendable, Hashable {
        public var state: AlertState
        public var actor: String
        public var at: Date
        public var note: String?
    }

    public var id: AlertID
    public var organisation: String
    public var person: PersonID
    public var employment: EmploymentID?
    public var kind: LimitFindingKind
    public var quantity: LimitedQuantity
    public var mSv: String
    public var thresholdMSv: String
    /// Of `mSv`, how much is notional (lost or damaged dosemeters).
    public var notionalMSv: String
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    public var state: AlertState
    public var steps: [Step]

    init(_ alert: Alert, organisation: String) {
        id = alert.id
        self.organisation = organisation
        person = alert.personID
        employment = alert.finding.employmentID
        kind = alert.finding.kind
        quantity = alert.finding.quantity
        mSv = alert.finding.amount.mSvText
        thresholdMSv = alert.finding.threshold.mSvText
        notionalMSv = alert.finding.notional.mSvText
        periodBegin = alert.finding.period.begin
        periodEnd = alert.finding.period.end
        state = alert.state
        steps = alert.events.map { Step(state: $0.state, actor: $0.actor, at: $0.at, note: $0.note) }
    }
}

/// A move along an alert's workflow, with a note (required to close).
public struct AlertStep: Codable, Sendable {
    /// `acknowledged`, `investigating` or `closed`.
    public var state: String
    public var note: String?

    public init(state: String, note: String? = nil) {
        self.state = state
        self.note = note
    }
}

/// An organisation's investigation levels in mSv: its own, and per group (a department) overriding them.
public struct InvestigationLevelsInput: Codable, Sendable, Hashable {
    public struct Levels: Codable, Sendable, Hashable {
        public var effective: String?
        public var lens: String?
        public var skin: String?
        public var extremity: String?

        public init(effective: String? = nil, lens: String? = nil, skin: String? = nil, extremity: String? = nil) {
            self.effective = effective
            self.lens = lens
            self.skin = skin
            self.extremity = extremity
        }
    }

    public var organisation: Levels
    public var groups: [String: Levels]

    public init(organisation: Levels, groups: [String: Levels] = [:]) {
        self.organisation = organisation
        self.groups = groups
    }

    init(_ levels: InvestigationLevels) {
        func text(_ set: InvestigationLevelSet) -> Levels {
            Levels(
                effective: set.effective?.mSvText, lens: set.lens?.mSvText, skin: set.skin?.mSvText,
                extremity: set.extremity?.mSvText)
        }
        organisation = text(levels.organisation)
        groups = levels.groups.mapValues(text)
    }

    /// The levels, or every field at fault (`groups.Radiology.lens`).
    func levels() throws(ServiceError) -> InvestigationLevels {
        var errors: [ValidationError] = []
        func set(_ levels: Levels, _ prefix: String) -> InvestigationLevelSet {
            func dose(_ text: String?, _ name: String) -> Dose? {
                guard let text else { return nil }
                do {
                    let dose = try Dose(mSv: text)
                    guard dose > .zero else {
                        errors.append(ValidationError(field: prefix + name, reason: "must be above 0 mSv"))
                        return nil
                    }
                    return dose
                } catch {
                    errors.append(ValidationError(field: prefix + name, reason: error.reason))
                    return nil
                }
            }
            return InvestigationLevelSet(
                effective: dose(levels.effective, "effective"), lens: dose(levels.lens, "lens"),
                skin: dose(levels.skin, "skin"), extremity: dose(levels.extremity, "extremity"))
        }
        let organisation = set(self.organisation, "organisation.")
        if groups.count > 200 { errors.append(ValidationError(field: "groups", reason: "at most 200 groups")) }
        var sets: [String: InvestigationLevelSet] = [:]
        for (name, levels) in groups.prefix(200) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.count > 100
                || trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            {
                errors.append(
                    ValidationError(field: "groups", reason: "a group's name must be 1 to 100 printable characters"))
                continue
            }
            sets[trimmed] = set(levels, "groups.\(trimmed).")
        }
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }
        return InvestigationLevels(organisation: organisation, groups: sets)
    }
}
