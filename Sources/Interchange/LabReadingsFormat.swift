import DoseCore

/// The layout of a lab reading file, told apart by its header row.
public enum LabReadingsFormat: String, CaseIterable, Hashable, Sendable {
    /// A Landauer-style export: columns found by name, dates in a format stated per file, identity
    /// columns to check. See ``LabReadingsCSV``.
    case landauerStyle
    /// Sievert's own reading format, with a fixed header and ISO dates. See ``LabReadingsCSV``.
    case sievert

    /// The body position each Landauer `Use` code means, by upper-case code.
    static let landauerUses: [String: BodyPosition] = [
        "CHEST": .chest, "COLLAR": .collar, "WAIST": .waist, "RFINGER": .rightFinger, "LFINGER": .leftFinger,
        "RWRIST": .rightWrist, "LWRIST": .leftWrist, "LENS": .eye, "EYE": .eye, "CONTROL": BodyPosition.none,
    ]

    /// The Landauer `Use` codes, in a stable order for messages.
    static let landauerUseCodes = [
        "CHEST", "COLLAR", "WAIST", "RFINGER", "LFINGER", "RWRIST", "LWRIST", "LENS", "EYE", "CONTROL",
    ]
}
