import Foundation

/// Marks identifiers of alerts.
public enum AlertTag: IdentifierTag {}

/// The identifier of an ``Alert``.
public typealias AlertID = Identifier<AlertTag>

/// One step of an alert's workflow: who moved it to which state, when, and why.
public struct AlertEvent: Hashable, Sendable, Codable {
    /// The state the alert entered.
    public var state: AlertState
    /// Who moved it: the account or service that acted.
    public var actor: String
    /// When.
    public var at: Date
    /// A note: what was seen, decided or found.
    public var note: String?

    /// Creates an event.
    public init(state: AlertState, actor: String, at: Date, note: String? = nil) {
        self.state = state
        self.actor = actor
        self.at = at
        self.note = note
    }
}

/// A finding that needs someone to act on it, with its workflow history. Moving it returns a new value;
/// invalid moves are refused.
public struct Alert: Hashable, Sendable, Codable {
    /// The alert's identifier.
    public let id: AlertID
    /// The person whose dose raised it.
    public let personID: PersonID
    /// What was found.
    public let finding: LimitFinding
    /// Every step so far, oldest first; the first is always ``AlertState/raised``.
    public private(set) var events: [AlertEvent]

    /// Raises an alert for `finding` about `personID`, by `actor` at `at`.
    public init(
        id: AlertID, personID: PersonID, finding: LimitFinding, raisedBy actor: String, at: Date, note: String? = nil
    ) throws(ValidationError) {
        self.id = id
        self.personID = personID
        self.finding = finding
        self.events = [AlertEvent(state: .raised, actor: try Self.checkedActor(actor), at: at, note: note)]
    }

    /// The current state.
    public var state: AlertState {
        events.last?.state ?? .raised
    }

    /// The alert moved to `next` by `actor` at `at` with `note`. Refuses a move the workflow does not allow,
    /// an empty actor, a time before the last step, and closing without a note of the outcome.
    public func moved(to next: AlertState, by actor: String, at: Date, note: String? = nil) throws(ValidationError)
        -> Alert
    {
        guard state.canMove(to: next) else {
            throw ValidationError(
                field: "state", reason: "an alert that is \(state.rawValue) cannot become \(next.rawValue)")
        }
        if let last = events.last, at < last.at {
            throw ValidationError(field: "at", reason: "a step cannot be earlier than the one before it")
        }
        let trimmedNote = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        // IRR17 reg 26 and 9(8): the investigation's outcome is a record to keep, so closing needs one.
        if next == .closed, trimmedNote?.isEmpty ?? true {
            throw ValidationError(field: "note", reason: "closing an alert needs a note of the outcome")
        }
        var alert = self
        alert.events.append(
            AlertEvent(
                state: next, actor: try Self.checkedActor(actor), at: at,
                note: trimmedNote.flatMap { $0.isEmpty ? nil : $0 }))
        return alert
    }

    private static func checkedActor(_ actor: String) throws(ValidationError) -> String {
        let trimmed = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "actor", reason: "every step of an alert must say who took it")
        }
        return trimmed
    }

    private enum CodingKeys: String, CodingKey {
        case id, personID, finding, events
    }

    /// Decodes an alert, refusing a history that does not start with raising it or takes an invalid step.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let events = try container.decode([AlertEvent].self, forKey: .events)
        guard let first = events.first, first.state == .raised,
            zip(events, events.dropFirst()).allSatisfy({ $0.state.canMove(to: $1.state) && $0.at <= $1.at })
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .events, in: container, debugDescription: "not a valid alert history")
        }
        id = try container.decode(AlertID.self, forKey: .id)
        personID = try container.decode(PersonID.self, forKey: .personID)
        finding = try container.decode(LimitFinding.self, forKey: .finding)
        self.events = events
    }
}
