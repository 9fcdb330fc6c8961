/// Where a person is in their life with the service.
public enum PersonStatus: String, CaseIterable, Sendable, Codable {
    /// Currently monitored by at least one employer, or may be again.
    case active
    /// Has left every employer; the record is kept for its retention period.
    case left
    /// Has died; nobody should write to them.
    case deceased
}
