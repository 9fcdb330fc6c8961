/// The dose cells of one reading, by the operational quantity the lab measured.
///
/// Which dose-of-record ``DoseCore/Quantity`` a cell stands for depends on where the dosemeter was worn
/// (Hp(0.07) is skin dose on a badge and extremity dose on a ring), so ``LabReading/cell(for:)`` answers
/// that question, not this type.
public struct LabDoseCells: Hashable, Sendable {
    /// Hp(10), the whole-body "deep" dose (Landauer `Current DDE`).
    public var hp10: LabDoseCell
    /// Hp(0.07), the "shallow" skin or extremity dose (Landauer `Current SDE`).
    public var hp007: LabDoseCell
    /// Hp(3), the lens-of-eye dose (Landauer `Current LDE`).
    public var hp3: LabDoseCell
    /// Hp(10) from neutrons (Landauer `Current Neutron`), where the file has the column.
    public var neutron: LabDoseCell

    /// Creates the cells; any left out are blank.
    public init(
        hp10: LabDoseCell = .blank, hp007: LabDoseCell = .blank, hp3: LabDoseCell = .blank,
        neutron: LabDoseCell = .blank
    ) {
        self.hp10 = hp10
        self.hp007 = hp007
        self.hp3 = hp3
        self.neutron = neutron
    }

    /// Whether every cell is blank: the lab reported nothing for the dosemeter.
    public var allBlank: Bool {
        hp10 == .blank && hp007 == .blank && hp3 == .blank && neutron == .blank
    }
}
