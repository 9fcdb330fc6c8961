// The values a lab reading row holds, and the column each format keeps them in.
enum LabReadingsColumn: Int, CaseIterable {
    // In the order the required Landauer columns are listed in problems.
    case participantCode, dosemeterType, position, kind, periodBegin, periodEnd
    case hp10, hp3, hp007, neutron, serial, version, note
    case name, dateOfBirth, account

    /// The Landauer-style header name, matched case-insensitively; `nil` when such files have no such column.
    var landauerName: String? {
        switch self {
        case .serial: "Serial Number"
        case .participantCode: "Participant Number"
        case .dosemeterType: "Dosimeter"
        case .position: "Use"
        case .kind: nil
        case .periodBegin: "Period Begin Date"
        case .periodEnd: "Period End Date"
        case .hp10: "Current DDE"
        case .hp007: "Current SDE"
        case .hp3: "Current LDE"
        case .neutron: "Current Neutron"
        case .note: "NoteCode"
        case .version: "Version"
        case .name: "Participant Name"
        case .dateOfBirth: "DOB"
        case .account: "Account Number"
        }
    }

    /// Whether a Landauer-style export must have the column.
    var isRequiredInLandauer: Bool {
        switch self {
        case .kind, .neutron, .name, .dateOfBirth, .account: false
        default: true
        }
    }

    /// The column in Sievert's own format; `nil` when that format has no such column.
    var sievertName: String? {
        switch self {
        case .serial: "serial"
        case .participantCode: "participant_code"
        case .kind: "kind"
        case .position: "position"
        case .periodBegin: "period_begin"
        case .periodEnd: "period_end"
        case .hp10: "hp10"
        case .hp007: "hp007"
        case .hp3: "hp3"
        case .note: "note"
        case .version: "version"
        case .dosemeterType, .neutron, .name, .dateOfBirth, .account: nil
        }
    }
}
