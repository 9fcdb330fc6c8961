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
