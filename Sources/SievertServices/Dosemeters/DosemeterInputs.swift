import DoseCore
import Foundation

/// Dosemeters received into an organisation's inventory.
public struct NewDosemeters: Codable, Sendable {
    /// `whole-body`, `extremity`, `eye` or `control`.
    public var kind: String
    /// The lab's technology, e.g. `TLD`, `OSL`, `DIS`.
    public var technology: String
    public var serials: [String]

    public init(kind: String, technology: String, serials: [String]) {
        self.kind = kind
        self.technology = technology
        self.serials = serials
    }
}

/// A dosemeter of the inventory as shown to its managers.
public struct DosemeterView: Codable, Sendable, Hashable {
    public var id: DosemeterID
    public var serial: String
    public var kind: DosemeterKind
    public var technology: String
    public var state: DosemeterState
}

/// A monitoring assignment to make: the person (and, when they hold several records, the employment) wears a
/// dosemeter at `position`, exchanged `frequency`, from `starts`.
public struct NewAssignment: Codable, Sendable {
    public var person: String
    public var employment: String?
    public var position: String
    public var frequency: String
    /// `YYYY-MM-DD`; today when absent.
    public var starts: String?

    public init(person: String, employment: String? = nil, position: String, frequency: String, starts: String? = nil) {
        self.person = person
        self.employment = employment
        self.position = position
        self.frequency = frequency
        self.starts = starts
    }
}

/// A monitoring assignment as shown to its managers.
public struct AssignmentView: Codable, Sendable, Hashable {
    public var id: AssignmentID
    public var person: PersonID
    public var employment: EmploymentID
    public var participantCode: String?
    public var kind: DosemeterKind
    public var position: BodyPosition
    public var frequency: WearFrequency
    public var starts: CalendarDate
    public var ends: CalendarDate?
}

/// An organisation's dosimetry settings.
public struct DosimetrySettings: Codable, Sendable, Hashable {
    /// The month (1–12) two-monthly and quarterly wear periods start from.
    public var wearAnchorMonth: Int
    /// The minimum reporting level in mSv (e.g. `0.1`); doses below it are recorded as zero, below the level.
    /// Nil: the lab's own `M` marks are the only level.
    public var minimumReportingLevelMSv: String?
    /// Days after a wear period's end by which a dosemeter is due back; later is late.
    public var returnDueDays: Int

    public init(wearAnchorMonth: Int = 1, minimumReportingLevelMSv: String? = nil, returnDueDays: Int = 30) {
        self.wearAnchorMonth = wearAnchorMonth
        self.minimumReportingLevelMSv = minimumReportingLevelMSv
        self.returnDueDays = returnDueDays
    }
}

/// One dosemeter issued for a wear period, with its return.
public struct IssuedDosemeterView: Codable, Sendable, Hashable {
    public var serial: String
    /// Nil for a control.
    public var participantCode: String?
    /// Nil for a control.
    public var person: PersonID?
    public var kind: DosemeterKind
    public var position: BodyPosition
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    public var batch: String
    public var returnStatus: DosemeterReturn?
    public var returnedOn: CalendarDate?
    /// Whether it came back (or is still out) after the organisation's return-due days.
    public var late: Bool
}

/// The issue list of an organisation for the wear periods beginning in one month.
public struct IssueList: Codable, Sendable, Hashable {
    public var organisation: String
    public var month: String
    public var batch: String
    public var dosemeters: [IssuedDosemeterView]
    /// How many of `dosemeters` this call issued (0 when the list already existed whole).
    public var issuedNow: Int
}

/// A return to record: the dosemeter `serial` of the wear period beginning in `month` came back (or did not).
public struct NewReturn: Codable, Sendable {
    public var serial: String
    /// `YYYY-MM`: the month its wear period began.
    public var month: String
    /// `returned`, `unused`, `lost` or `damaged`.
    public var status: String
    /// `YYYY-MM-DD`; today when absent.
    public var on: String?

    public init(serial: String, month: String, status: String, on: String? = nil) {
        self.serial = serial
        self.month = month
        self.status = status
        self.on = on
    }
}

/// A dosemeter still out: issued, no return recorded and no lab reading received.
public struct UnreturnedDosemeterView: Codable, Sendable, Hashable {
    public var serial: String
    public var participantCode: String?
    public var person: PersonID?
    public var kind: DosemeterKind
    public var position: BodyPosition
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    /// Days since the wear period ended (negative while it is still being worn).
    public var ageDays: Int
    /// Past the organisation's return-due days.
    public var overdue: Bool
}
