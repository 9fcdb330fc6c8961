import DoseCore
import Foundation

/// The record store: one implementation per database, both proven by the same contract suite.
///
/// Every call is scoped. Reads return only rows of organisations in scope; writes touching any other
/// organisation are refused whole. Stores hold sealed rows only; they never see a key or a plaintext.
public protocol RecordStore: Sendable {
    /// Applies every change atomically, or throws and writes nothing (`StoreError.outOfScope`,
    /// `.notFound` for an update of a row not in scope, `.conflict` for a broken uniqueness rule).
    func apply(_ changes: ChangeSet, scope: StoreScope) async throws
    /// Applies change sets taken one at a time from `chunks`, in order, in ONE transaction: every chunk or
    /// none (a chunk out of scope, a broken rule or `chunks` throwing rolls back all of them). A chunk is taken
    /// only when there is room for it, so a caller that makes chunks on demand writes any volume in bounded
    /// memory. Returns the mark of the dose entries written, when the store numbers its rows and any were written.
    @discardableResult
    func apply<Chunks: AsyncSequence & Sendable>(chunks: Chunks, scope: StoreScope) async throws -> WriteMark?
    where Chunks.Element == ChangeSet

    /// Organisations in scope, ordered by code.
    func organisations(scope: StoreScope) async throws -> [OrganisationRow]
    /// One organisation by id, if in scope.
    func organisation(id: OrganisationID, scope: StoreScope) async throws -> OrganisationRow?
    /// One organisation by code, if in scope.
    func organisation(code: String, scope: StoreScope) async throws -> OrganisationRow?
    /// Every stored version of an organisation's wrapped key, if in scope.
    func organisationKeys(of organisation: OrganisationID, scope: StoreScope) async throws -> [WrappedKeyRow]

    /// Every version of a service-wide wrapped key (such as the blind-index master key).
    func serviceKeys(named name: String) async throws -> [WrappedKeyRow]
    /// Stores a version of a service-wide wrapped key; a version that already exists is a conflict.
    func insertServiceKey(named name: String, key: WrappedKeyRow) async throws

    /// Counts of stored keys and sealed values by the version they are under, for the organisations in scope
    /// (service keys only in a service scope). Read from clear columns and envelope headers only.
    func keyInventory(scope: StoreScope) async throws -> KeyInventory
    /// Up to `limit` of an organisation's person keys not wrapped under `version` (0: every key), ordered by
    /// person id, after `after`.
    func personKeys(
        of organisation: OrganisationID, notWrappedUnder version: UInt32, after: PersonID?, limit: Int,
        scope: StoreScope
    ) async throws -> [PersonKeyRow]
    /// Up to `limit` values of `column` of an organisation whose envelope names a key version other than
    /// `version` (0: every value), ordered by row id, after `after`.
    func sealedValues(
        _ column: OrganisationSealedColumn, of organisation: OrganisationID, notUnder version: UInt32,
        after: String?, limit: Int, scope: StoreScope
    ) async throws -> [SealedValue]

    /// One person with key and employments, if in scope.
    func person(id: PersonID, scope: StoreScope) async throws -> PersonRecord?
    /// The given people that are in scope (missing or out-of-scope ids are left out).
    func people(ids: [PersonID], scope: StoreScope) async throws -> [PersonRecord]
    /// The people in scope, at any organisation, whose NINO has one of the blind indexes `indexes` (canaries left
    /// out): the candidates for people's records with several employers, to be confirmed by decryption.
    func people(withNINOIndexes indexes: [Int64], scope: StoreScope) async throws -> [PersonRecord]
    /// A page of an organisation's people ordered by id, after the given id; canaries only when asked.
    func people(
        of organisation: OrganisationID, after: PersonID?, limit: Int, includeCanaries: Bool, scope: StoreScope
    ) async throws -> [PersonRecord]
    /// The clear lookup keys of every person of an organisation, for matching imports.
    func matchKeys(of organisation: OrganisationID, scope: StoreScope) async throws -> [PersonMatchKeys]
    /// Number of people of an organisation (canaries included).
    func countPeople(of organisation: OrganisationID, scope: StoreScope) async throws -> Int

    /// Stores a new access token (its hash only).
    func insertAccessToken(_ token: AccessTokenRow) async throws
    /// The access token with this hash, if any. Tokens are looked up before any scope exists.
    func accessToken(hash: [UInt8]) async throws -> AccessTokenRow?

    /// The entries of the dose of record of the given people (all their employments) whose period ends in
    /// `endingIn` (all when nil), with every correction (an entry that supersedes another) whenever it ends, if in
    /// scope, ordered by period end, then recording time and id: each person's entries oldest first. Entries of
    /// the chunked apply that returned `excluding` are left out.
    func doseEntries(
        ofPeople people: [PersonID], endingIn: ClosedRange<CalendarDate>?, excluding: WriteMark?, scope: StoreScope
    ) async throws -> [DoseEntryRow]

    /// Every entry of an organisation's dose records whose period ends on or after `since` (all when nil), if in
    /// scope, ordered by period end: what the organisation's reports add up.
    func doseEntries(of organisation: OrganisationID, endingSince since: CalendarDate?, scope: StoreScope) async throws
        -> [DoseEntryRow]
    /// The person who holds an employment (dose record), if in scope.
    func person(employment: EmploymentID, scope: StoreScope) async throws -> PersonRecord?

    /// The participant codes of an organisation's employments, if in scope.
    func participants(of organisation: OrganisationID, scope: StoreScope) async throws -> [ParticipantRow]
    /// The lab readings of an organisation, if in scope, in import order.
    func labReadings(of organisation: OrganisationID, scope: StoreScope) async throws -> [LabReadingRow]
    /// The lab readings of an organisation with one of `serials` (any version), if in scope, in import order: what
    /// an import needs to know about the serials it brings, without reading the organisation's whole history.
    func labReadings(of organisation: OrganisationID, serials: Set<String>, scope: StoreScope) async throws
        -> [LabReadingRow]
    /// The dose entries made from the given lab readings, if in scope.
    func doseEntries(fromReadings readings: [Identifier<LabReadingTag>], scope: StoreScope) async throws
        -> [DoseEntryRow]

    /// An organisation's dosemeter inventory, if in scope, ordered by serial.
    func dosemeters(of organisation: OrganisationID, scope: StoreScope) async throws -> [DosemeterRow]
    /// An organisation's monitoring assignments (ended ones included), if in scope, oldest first.
    func assignments(of organisation: OrganisationID, scope: StoreScope) async throws -> [AssignmentRow]
    /// An organisation's dosemeter issues, if in scope, by period then serial; only those of the wear period
    /// beginning on `periodBegin` when given.
    func dosemeterIssues(of organisation: OrganisationID, periodBegin: CalendarDate?, scope: StoreScope)
        async throws -> [DosemeterIssueRow]
    /// An organisation's dosimetry settings, if in scope and ever set.
    func organisationSettings(of organisation: OrganisationID, scope: StoreScope) async throws
        -> OrganisationSettingsRow?

    /// Dose alerts, if in scope, oldest first: of one organisation, or of every organisation in scope when nil.
    func doseAlerts(of organisation: OrganisationID?, scope: StoreScope) async throws -> [DoseAlertRow]
    /// The dose alerts of the given people, if in scope, oldest first.
    func doseAlerts(ofPeople people: [PersonID], scope: StoreScope) async throws -> [DoseAlertRow]
    /// An organisation's investigation levels, if in scope and ever set.
    func investigationLevels(of organisation: OrganisationID, scope: StoreScope) async throws
        -> InvestigationLevelsRow?
    /// Mail not yet sent, if in scope, oldest first, at most `limit`.
    func pendingMail(limit: Int, scope: StoreScope) async throws -> [MailOutboxRow]

    /// Every breach incident, newest declared first (service-level, like accounts).
    func incidents() async throws -> [IncidentRow]
    /// One incident by id.
    func incident(id: IncidentID) async throws -> IncidentRow?
    /// The person records an incident affects, if in scope, by organisation then person.
    func incidentPeople(of incident: IncidentID, scope: StoreScope) async throws -> [IncidentPersonRow]

    /// Every access token, newest first (hashes included; they are not secrets).
    func accessTokens() async throws -> [AccessTokenRow]

    /// Audit events after a sequence number, in order.
    func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEventRow]
    /// Audit events whose sequence lies in `range`, in order (ranges read side by side never overlap).
    func auditEvents(in range: ClosedRange<Int64>) async throws -> [AuditEventRow]
    /// The ledger leaves of the audit events whose sequence lies in `range`, in order, each hashed from the row's
    /// stored fields without building the event (what verifying a large log reads; ranges never overlap).
    func auditLeaves(in range: ClosedRange<Int64>) async throws -> [AuditLeaf]
    /// The highest audit sequence stored; 0 when the log is empty.
    func lastAuditSequence() async throws -> Int64
    /// The most recent audit events naming any of `subjects`, newest first.
    func auditEvents(subjects: [String], limit: Int) async throws -> [AuditEventRow]
    /// The most recent audit events whose action starts with `actionPrefix`, newest first.
    func auditEvents(actionPrefix: String, limit: Int) async throws -> [AuditEventRow]

    // Accounts are service-level rows, read before any scope exists (like access tokens); only a change set
    // under the service scope writes them.

    /// One account by id.
    func account(id: AccountID) async throws -> AccountRow?
    /// The account whose login name has this blind index.
    func account(loginIndex: Int64) async throws -> AccountRow?
    /// The account with this outstanding enrolment token hash.
    func account(enrolmentHash: [UInt8]) async throws -> AccountRow?
    /// Every account, oldest first.
    func accounts() async throws -> [AccountRow]
    /// Records that the account used TOTP time step `step`, atomically, if no later or equal step was used
    /// before; false when it was (a replayed or older code).
    func claimTOTPStep(_ step: Int64, account: AccountID) async throws -> Bool
    /// The session with this token hash.
    func session(hash: [UInt8]) async throws -> SessionRow?
    /// Moves a session's last use forward (the idle timeout runs from it).
    func touchSession(hash: [UInt8], at time: Date) async throws
    /// Failed sign-ins counted against `key` at or after `since`.
    func loginFailures(key: Int64, since: Date) async throws -> Int

    /// Releases connections; the store must not be used afterwards.
    func close() async throws
}
