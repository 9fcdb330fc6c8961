/// Where an alert is in its workflow: raised → acknowledged → investigating → closed, in that order only.
public enum AlertState: String, CaseIterable, Sendable, Codable {
    /// Raised by a limit check; nobody has looked at it yet.
    case raised
    /// Someone responsible has seen it.
    case acknowledged
    /// An investigation is under way.
    case investigating
    /// Investigated and closed with its outcome.
    case closed

    /// Whether an alert in this state may move to `next`: only one step forward along the workflow.
    public func canMove(to next: AlertState) -> Bool {
        switch (self, next) {
        case (.raised, .acknowledged), (.acknowledged, .investigating), (.investigating, .closed): true
        default: false
        }
    }
}
