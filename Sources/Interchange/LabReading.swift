import DoseCore

/// One dosemeter's result from a lab reading file, checked and ready to match to its issue by serial.
///
/// It carries no identity: the lab knows a participant code, never a person. Identity columns in a lab
/// export are set apart in ``identity``, to be checked and dropped.
public struct LabReading: Hashable, Sendable {
    /// The 1-based physical line the row starts on.
    public var line: Int
    /// The dosemeter's serial number, as the lab wrote it.
    public var serial: String
    /// The code the lab knows the wearer by; `nil` for a control dosemeter, which nobody wears.
    public var participantCode: String?
    /// The lab's dosemeter type code (Landauer `Dosimeter`, e.g. `PA`, `RA`, `EA`), kept as text because
    /// every lab has its own; `nil` in Sievert's own format, which has no such column.
    public var dosemeterType: String?
    /// Where the dosemeter was worn; ``DoseCore/BodyPosition/none`` for a control.
    public var position: BodyPosition
    /// The wear period.
    public var period: DosePeriod
    /// The result's version, from 1; a reissued result has a higher version and supersedes the earlier.
    public var version: Int
    /// Measured, unused, damaged, lost or not reported.
    public var status: LabReadingStatus
    /// The dose cells as the lab reported them.
    public var cells: LabDoseCells
    /// The lab's free-text note, e.g. `Unused` or `Reissued after reader recalibration`.
    public var note: String?
    /// The lab's account number for the customer (Landauer `Account Number`), when the file has it.
    public var account: String?
    /// Identity columns to CHECK against the employment the serial was issued for, never to store: see
    /// ``LabReadingIdentity``. `nil` when the file has no identity columns, the cells are blank, or the
    /// row is a control.
    public var identity: LabReadingIdentity?

    /// Creates a reading.
    public init(
        line: Int,
        serial: String,
        participantCode: String?,
        dosemeterType: String? = nil,
        position: BodyPosition,
        period: DosePeriod,
        version: Int,
        status: LabReadingStatus,
        cells: LabDoseCells,
        note: String? = nil,
        account: String? = nil,
        identity: LabReadingIdentity? = nil
    ) {
        self.line = line
        self.serial = serial
        self.participantCode = participantCode
        self.dosemeterType = dosemeterType
        self.position = position
        self.period = period
        self.version = version
        self.status = status
        self.cells = cells
        self.note = note
        self.account = account
        self.identity = identity
    }

    /// Whether this is a control dosemeter: never worn, it measures the background of its batch.
    public var isControl: Bool { position == .none }

    /// The kind of dosemeter, from where it was worn.
    public var kind: DosemeterKind { position.kind }

    /// The cell that stands for `quantity` in the dose of record.
    ///
    /// Hp(10) is ``DoseCore/Quantity/effective`` and Hp(3) is ``DoseCore/Quantity/lens``; Hp(0.07) is
    /// ``DoseCore/Quantity/skin`` on a whole-body badge and ``DoseCore/Quantity/extremity`` on a ring or
    /// wrist dosemeter. A control answers Hp(0.07) for both, since it is the background for whichever
    /// its batch measures. Any other pairing is blank.
    public func cell(for quantity: Quantity) -> LabDoseCell {
        switch quantity {
        case .effective: cells.hp10
        case .neutron: cells.neutron
        case .lens: cells.hp3
        case .skin: kind == .wholeBody || kind == .control ? cells.hp007 : .blank
        case .extremity: kind == .extremity || kind == .control ? cells.hp007 : .blank
        }
    }
}
