import Foundation

/// Marks identifiers of breach incidents.
public enum IncidentTag: IdentifierTag {}

/// The identifier of an ``Incident``.
public typealias IncidentID = Identifier<IncidentTag>

/// Where a breach happened: in the service's own systems, or at a processor or supplier it uses.
public enum IncidentSource: String, CaseIterable, Hashable, Sendable, Codable {
    case ownSystems = "own-systems"
    case processor
}

/// Where an incident stands in the register: open, reported to the regulator, or closed.
public enum IncidentStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case open
    case reported
    case closed
}

/// One entry of an incident's decision log: what was decided or done, by whom, when and why.
public struct IncidentDecision: Hashable, Sendable, Codable {
    /// What sort of entry it is.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        /// A decision or observation written down.
        case note
        /// Reported to the regulator (UK GDPR Art. 33).
        case reported
        /// Decided not to report, with the reasons (Art. 33(5) still requires the record).
        case notReported = "not-reported"
        /// A scope was run and its people recorded.
        case scoped
        /// Notices sent to the affected organisations' data-protection contacts.
        case noticesSent = "notices-sent"
        /// The incident closed.
        case closed
    }

    public var kind: Kind
    public var actor: String
    public var at: Date
    public var text: String

    public init(kind: Kind, actor: String, at: Date, text: String) {
        self.kind = kind
        self.actor = actor
        self.at = at
        self.text = text
    }
}

/// A breach in the register (UK GDPR Art. 33(5)): what happened, when, and every decision taken about it.
/// Sealed at rest as a whole; the status and times are kept in clear beside it for listing.
public struct Incident: Hashable, Sendable, Codable {
    /// How long a controller has from awareness to tell the regulator (Art. 33(1)).
    public static let reportingWindow: TimeInterval = 72 * 3600

    public let id: IncidentID
    /// What happened, in the declarer's words.
    public var summary: String
    public var source: IncidentSource
    /// When the breach began (as far as known).
    public var occurredAt: Date
    /// When the service became aware of it: the 72-hour clock runs from here.
    public var awareAt: Date
    public var declaredAt: Date
    public var declaredBy: String
    /// Who answers questions about it (Art. 33(3)(b)).
    public var contactPoint: String
    /// The likely consequences and the measures taken or proposed (Art. 33(3)(c)–(d)), as written so far.
    public var consequences: String
    public var measures: String
    public private(set) var status: IncidentStatus
    /// The decision log, oldest first.
    public private(set) var decisions: [IncidentDecision]

    /// Declares an incident. Refuses an empty summary, awareness before the breach, and times in the future.
    public init(
        id: IncidentID, summary: String, source: IncidentSource, occurredAt: Date, awareAt: Date, contactPoint: String,
        consequences: String = "", measures: String = "", declaredBy actor: String, at now: Date
    ) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        let summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if summary.isEmpty { errors.append(ValidationError(field: "summary", reason: "is required")) }
        if summary.count > 4_000 {
            errors.append(ValidationError(field: "summary", reason: "is over 4,000 characters"))
        }
        if awareAt < occurredAt {
            errors.append(ValidationError(field: "awareAt", reason: "must not be before the breach occurred"))
        }
        if awareAt > now { errors.append(ValidationError(field: "awareAt", reason: "must not be in the future")) }
        if occurredAt > now { errors.append(ValidationError(field: "occurredAt", reason: "must not be in the future")) }
        let contact = contactPoint.trimmingCharacters(in: .whitespacesAndNewlines)
        if contact.isEmpty { errors.append(ValidationError(field: "contactPoint", reason: "is required")) }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        self.id = id
        self.summary = summary
        self.source = source
        self.occurredAt = occurredAt
        self.awareAt = awareAt
        self.declaredAt = now
        self.declaredBy = actor
        self.contactPoint = contact
        self.consequences = consequences
        self.measures = measures
        self.status = .open
        self.decisions = [IncidentDecision(kind: .note, actor: actor, at: now, text: "Declared.")]
    }

    /// When the report to the regulator is due.
    public var reportDue: Date { awareAt.addingTimeInterval(Self.reportingWindow) }

    /// Seconds left until the report is due at `now` (negative once overdue); nil once reported or closed.
    public func secondsToReport(at now: Date) -> TimeInterval? {
        status == .open ? reportDue.timeIntervalSince(now) : nil
    }

    /// The incident with one more log entry. A report moves it to ``IncidentStatus/reported``; closing (with or
    /// without reporting) moves it to ``IncidentStatus/closed``. Refuses an empty text, any entry once closed,
    /// reporting twice, and a decision not to report once reported.
    public func recording(_ kind: IncidentDecision.Kind, text: String, by actor: String, at now: Date)
        throws(ValidationError) -> Incident
    {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ValidationError(field: "text", reason: "is required: say what was decided and why")
        }
        guard text.count <= 4_000 else { throw ValidationError(field: "text", reason: "is over 4,000 characters") }
        guard status != .closed else { throw ValidationError(field: "status", reason: "the incident is closed") }
        var next = self
        switch kind {
        case .reported:
            guard status == .open else { throw ValidationError(field: "kind", reason: "already reported") }
            next.status = .reported
        case .notReported:
            guard status == .open else {
                throw ValidationError(field: "kind", reason: "already reported to the regulator")
            }
        case .closed:
            next.status = .closed
        case .note, .scoped, .noticesSent:
            break
        }
        next.decisions.append(IncidentDecision(kind: kind, actor: actor, at: now, text: text))
        return next
    }

    /// Whether a decision not to report was recorded.
    public var decidedNotToReport: Bool { decisions.contains { $0.kind == .notReported } }
}
