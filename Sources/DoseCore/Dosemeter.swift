/// Marks identifiers of dosemeters.
public enum DosemeterTag: IdentifierTag {}

/// The identifier of a dosemeter in the inventory.
public typealias DosemeterID = Identifier<DosemeterTag>

/// What a dosemeter measures, and so which quantities its readings give.
public enum DosemeterKind: String, CaseIterable, Sendable, Codable {
    /// A whole-body badge: Hp(10) and Hp(0.07) (and Hp(3) where the badge reports it).
    case wholeBody = "whole-body"
    /// A ring or fingerstall: Hp(0.07) to the extremities.
    case extremity
    /// An eye dosemeter: Hp(3).
    case eye
    /// Never worn; travels with a dispatch batch and measures its background.
    case control

    /// The quantities a worn dosemeter of this kind reports into the dose of record.
    public var quantities: [Quantity] {
        switch self {
        case .wholeBody: [.effective, .skin, .lens]
        case .extremity: [.extremity]
        case .eye: [.lens]
        case .control: []
        }
    }
}

/// Where on the body a dosemeter is worn.
public enum BodyPosition: String, CaseIterable, Sendable, Codable {
    case chest, collar, waist
    case leftFinger = "left-finger"
    case rightFinger = "right-finger"
    case leftWrist = "left-wrist"
    case rightWrist = "right-wrist"
    case eye
    /// A control dosemeter is not worn.
    case none

    /// The dosemeter kind worn at this position.
    public var kind: DosemeterKind {
        switch self {
        case .chest, .collar, .waist: .wholeBody
        case .leftFinger, .rightFinger, .leftWrist, .rightWrist: .extremity
        case .eye: .eye
        case .none: .control
        }
    }
}

/// How often a wearer's dosemeters are exchanged.
public enum WearFrequency: String, CaseIterable, Sendable, Codable {
    case monthly
    case twoMonthly = "two-monthly"
    case quarterly

    /// Months per wear period.
    public var months: Int {
        switch self {
        case .monthly: 1
        case .twoMonthly: 2
        case .quarterly: 3
        }
    }
}

/// Marks identifiers of monitoring assignments.
public enum AssignmentTag: IdentifierTag {}

/// The identifier of a monitoring assignment: an employment's duty to wear one kind of dosemeter.
public typealias AssignmentID = Identifier<AssignmentTag>

/// Marks identifiers of dosemeter issues.
public enum DosemeterIssueTag: IdentifierTag {}

/// The identifier of one dosemeter issued for one wear period.
public typealias DosemeterIssueID = Identifier<DosemeterIssueTag>

/// Where a dosemeter of the inventory is.
public enum DosemeterState: String, CaseIterable, Sendable, Codable {
    /// At the service, ready to issue.
    case inStock = "in-stock"
    /// Out with a wearer (or travelling as a control) for a wear period.
    case issued
    /// Reported lost; never issued again.
    case lost
    /// Withdrawn from use (damaged, or the lab retired it).
    case retired
}

/// How an issued dosemeter came back (or did not).
public enum DosemeterReturn: String, CaseIterable, Sendable, Codable {
    /// Worn and returned for reading.
    case returned
    /// Returned unopened: processed, never accumulated.
    case unused
    /// Reported lost: reg 23 applies (a notional dose unless an estimate replaces it).
    case lost
    /// Returned damaged, no evaluation possible: reg 23 applies.
    case damaged
}
