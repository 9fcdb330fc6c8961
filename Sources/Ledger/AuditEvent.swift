/// One accountable action (DESIGN.md §Security 8): who did what to which subjects, why, and how it ended.
///
/// Every field is an identifier or a code: printable ASCII without spaces, 1–256 bytes. There is no field for a
/// name, date of birth, NINO or dose, and the alphabet turns away free text, so personal values have nowhere to
/// go by accident. Ids must still be opaque (random ids, not e-mail addresses); that is the caller's part.
public struct AuditEvent: Sendable, Hashable {
    /// When it happened, in milliseconds since the Unix epoch (UTC), as supplied by the caller.
    public let unixTimeMilliseconds: Int64
    /// The principal's opaque id (account or API token id; a fixed code such as `anonymous` before login).
    public let actor: String
    /// The principal's role, e.g. `rps-admin`, `org-lead`, `wearer`, `lab`, `auditor`.
    public let role: String
    /// What was done, e.g. `person.read`, `dose.record`, `export.create`, `login.success`, `authz.deny`.
    public let action: String
    /// Opaque ids of the people or records acted on, in the caller's order; may be empty.
    public let subjectIDs: [String]
    /// The organisation (tenant) the action was scoped to, if any.
    public let organisationID: String?
    /// Why, as a code, e.g. `dose-review`, `regulator-report`, `authentication`.
    public let purpose: String
    /// The request id that ties the event to logs and traces.
    public let requestID: String
    /// How it ended, e.g. `success`, `denied`, `failure`.
    public let outcome: String

    /// The longest field accepted, in bytes.
    public static let maximumFieldLength = 256

    /// An event; ``LedgerError/invalidField(_:)`` names the first field that is empty, longer than
    /// ``maximumFieldLength`` or has a byte outside printable ASCII (`!`…`~`).
    public init(
        unixTimeMilliseconds: Int64,
        actor: String,
        role: String,
        action: String,
        subjectIDs: [String],
        organisationID: String?,
        purpose: String,
        requestID: String,
        outcome: String
    ) throws(LedgerError) {
        try Self.validate(actor, "actor")
        try Self.validate(role, "role")
        try Self.validate(action, "action")
        for subject in subjectIDs {
            try Self.validate(subject, "subjectIDs")
        }
        if let organisationID {
            try Self.validate(organisationID, "organisationID")
        }
        try Self.validate(purpose, "purpose")
        try Self.validate(requestID, "requestID")
        try Self.validate(outcome, "outcome")
        self.unixTimeMilliseconds = unixTimeMilliseconds
        self.actor = actor
        self.role = role
        self.action = action
        self.subjectIDs = subjectIDs
        self.organisationID = organisationID
        self.purpose = purpose
        self.requestID = requestID
        self.outcome = outcome
    }

    /// True for 1–``maximumFieldLength`` bytes of printable ASCII without spaces.
    public static func isValidField(_ value: some Collection<UInt8>) -> Bool {
        (1...maximumFieldLength).contains(value.count)
            && value.allSatisfy { (UInt8(ascii: "!")...UInt8(ascii: "~")).contains($0) }
    }

    private static func validate(_ value: String, _ name: String) throws(LedgerError) {
        guard isValidField(value.utf8) else { throw .invalidField(name) }
    }
}
