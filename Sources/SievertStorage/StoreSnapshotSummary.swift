/// What one consistent copy of a store holds, counted inside that copy (never in the live store, which moves on):
/// a backup records it in its manifest and a restore checks the restored store against it.
public struct StoreSnapshotSummary: Sendable, Hashable, CustomStringConvertible {
    /// People, canaries included.
    public var people: Int
    /// Entries of the dose of record.
    public var doseEntries: Int
    /// Audit events.
    public var auditEvents: Int
    /// The last schema migration applied.
    public var schemaVersion: String

    /// A summary of counted rows and the schema version.
    public init(people: Int, doseEntries: Int, auditEvents: Int, schemaVersion: String) {
        self.people = people
        self.doseEntries = doseEntries
        self.auditEvents = auditEvents
        self.schemaVersion = schemaVersion
    }

    public var description: String {
        "\(people) people, \(doseEntries) dose entries, \(auditEvents) audit events, schema \(schemaVersion)"
    }
}
