import DoseCore

/// One dosemeter on the issue list the service sends to the lab: what to expect back, with no identity.
public struct LabIssueListRow: Hashable, Sendable {
    /// The dosemeter's serial.
    public var serial: String
    /// The code the lab will know the wearer by; always `nil` for a control, which nobody wears.
    public var participantCode: String?
    /// Where the dosemeter is worn; ``DoseCore/BodyPosition/none`` for a control.
    public var position: BodyPosition
    /// The wear period.
    public var period: DosePeriod

    /// Creates a row. A control's participant code is dropped, since nobody wears it.
    public init(serial: String, participantCode: String?, position: BodyPosition, period: DosePeriod) {
        self.serial = serial
        self.participantCode = position == .none ? nil : participantCode
        self.position = position
        self.period = period
    }

    /// The kind of dosemeter, from where it is worn.
    public var kind: DosemeterKind { position.kind }
}
