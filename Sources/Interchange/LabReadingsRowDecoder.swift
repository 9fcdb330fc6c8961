import DoseCore

// Turns one lab reading row into a reading, collecting a problem for every bad cell rather than stopping
// at the first, so the lab can fix a whole line at once.
struct LabReadingsRowDecoder {
    let row: CSVRow
    let layout: LabReadingsLayout
    let dateFormat: LabDateFormat
    private(set) var problems: [CSVProblem] = []
    /// The serial and version, when both were readable, for the duplicate check across rows.
    private(set) var serial: String?
    private(set) var version: Int?

    /// The highest version accepted; far beyond any real reissue count, low enough to be a typo.
    static let maximumVersion = 999_999

    init(row: CSVRow, layout: LabReadingsLayout, dateFormat: LabDateFormat) {
        self.row = row
        self.layout = layout
        self.dateFormat = layout.format == .sievert ? .iso : dateFormat
    }

    /// Whether every cell of the row is blank: a spreadsheet's trailing `,,,,` line, skipped.
    var isBlank: Bool {
        row.fields.allSatisfy { CellText.trimmed($0).isEmpty }
    }

    mutating func decode() -> LabReading? {
        serial = code(.serial, maximumLength: 64)
        let position = decodePosition()
        let participantCode = decodeParticipantCode(isControl: position == BodyPosition.none)
        let dosemeterType = layout.format == .landauerStyle ? code(.dosemeterType, maximumLength: 16) : nil
        let period = decodePeriod()
        let cells = decodeCells(position: position)
        version = decodeVersion()
        let identity = position == BodyPosition.none ? nil : decodeIdentity()
        let note = optionalText(.note)
        let account = optionalText(.account)

        guard problems.isEmpty, let serial, let position, let period, let cells, let version else { return nil }
        return LabReading(
            line: row.line, serial: serial, participantCode: participantCode, dosemeterType: dosemeterType,
            position: position, period: period, version: version,
            status: LabReadingStatus(note: note, cells: cells), cells: cells, note: note, account: account,
            identity: identity)
    }

    private mutating func decodePosition() -> BodyPosition? {
        let raw = cell(.position)
        guard !raw.isEmpty else {
            report(.position, "is required")
            return nil
        }
        guard layout.format == .sievert else {
            guard let position = LabReadingsFormat.landauerUses[raw.uppercased()] else {
                report(
                    .position,
                    "\(CellText.excerpt(raw)) is not a known use; expected one of "
                        + LabReadingsFormat.landauerUseCodes.joined(separator: ", "))
                return nil
            }
            return position
        }
        guard let position = BodyPosition(rawValue: raw) else {
            report(
                .position,
                "\(CellText.excerpt(raw)) is not a body position; expected one of "
                    + BodyPosition.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        let kind = cell(.kind)
        if kind != position.kind.rawValue {
            let known = DosemeterKind(rawValue: kind) != nil
            report(
                .kind,
                known
                    ? "\(kind) does not match position \(position.rawValue), which is worn as \(position.kind.rawValue)"
                    : "\(CellText.excerpt(kind)) is not a dosemeter kind; expected \(position.kind.rawValue) for "
                        + "position \(position.rawValue)")
        }
        return position
    }

    private mutating func decodeParticipantCode(isControl: Bool) -> String? {
        let raw = cell(.participantCode)
        if isControl {
            if !raw.isEmpty {
                report(.participantCode, "must be blank for a control dosemeter, which nobody wears")
            }
            return nil
        }
        return code(.participantCode, maximumLength: 64)
    }

    private mutating func decodePeriod() -> DosePeriod? {
        let format = dateFormat
        let begin = required(.periodBegin) { raw throws(ValidationError) in try format.date(from: raw) }
        let end = required(.periodEnd) { raw throws(ValidationError) in try format.date(from: raw) }
        guard let begin, let end else { return nil }
        do {
            return try DosePeriod(begin: begin, end: end)
        } catch {
            report(.periodEnd, error.reason)
            return nil
        }
    }

    private mutating func decodeCells(position: BodyPosition?) -> LabDoseCells? {
        var cells = LabDoseCells()
        var readable = true
        let columns = [
            (LabReadingsColumn.hp10, \LabDoseCells.hp10), (.hp007, \.hp007), (.hp3, \.hp3), (.neutron, \.neutron),
        ]
        for (column, keyPath) in columns {
            do {
                cells[keyPath: keyPath] = try LabDoseCell(cell: cell(column))
            } catch {
                report(column, error.reason)
                readable = false
            }
        }
        // A ring or wrist dosemeter measures only Hp(0.07) and an eye dosemeter only Hp(3); a value
        // anywhere else is a mistake in the lab's file, not a dose to record.
        let only: LabReadingsColumn? =
            switch position?.kind {
            case .extremity: .hp007
            case .eye: .hp3
            default: nil
            }
        if let only {
            let kindName = only == .hp007 ? "a ring or wrist dosemeter" : "an eye dosemeter"
            let quantity = only == .hp007 ? "Hp(0.07)" : "Hp(3)"
            for (column, keyPath) in columns where column != only {
                // An unreadable cell was reported above and left blank, so it is not reported twice.
                if cells[keyPath: keyPath] != .blank {
                    report(
                        column,
                        "\(kindName) reports only \(quantity) (\(layout.name(of: only))), so this cell must be blank")
                }
            }
        }
        return readable ? cells : nil
    }

    private mutating func decodeVersion() -> Int? {
        required(.version) { raw throws(ValidationError) in
            guard raw.utf8.count <= 6, raw.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                let version = Int(raw), version >= 1
            else {
                throw ValidationError(
                    field: "version",
                    reason: "must be a whole number from 1 to \(Self.maximumVersion), e.g. 1, or 2 for a reissue"
                        + " (found \(CellText.excerpt(raw)))")
            }
            return version
        }
    }

    private mutating func decodeIdentity() -> LabReadingIdentity? {
        let name = optionalText(.name)
        let dateOfBirth: CalendarDate?
        let raw = cell(.dateOfBirth)
        if raw.isEmpty {
            dateOfBirth = nil
        } else {
            do {
                dateOfBirth = try dateFormat.date(from: raw)
            } catch {
                report(.dateOfBirth, error.reason)
                dateOfBirth = nil
            }
        }
        guard name != nil || dateOfBirth != nil else { return nil }
        return LabReadingIdentity(name: name, dateOfBirth: dateOfBirth)
    }

    private func cell(_ column: LabReadingsColumn) -> String {
        guard let index = layout.index(of: column) else { return "" }
        return CellText.trimmed(row.fields[index])
    }

    private func optionalText(_ column: LabReadingsColumn) -> String? {
        let text = cell(column)
        return text.isEmpty ? nil : text
    }

    private mutating func code(_ column: LabReadingsColumn, maximumLength: Int) -> String? {
        required(column) { raw throws(ValidationError) in
            guard CellText.isCode(raw, maximumLength: maximumLength) else {
                throw ValidationError(
                    field: "code",
                    reason: "must be 1 to \(maximumLength) printable ASCII characters (letters, digits, punctuation)")
            }
            return raw
        }
    }

    private mutating func required<Value>(
        _ column: LabReadingsColumn, _ parse: (String) throws(ValidationError) -> Value
    ) -> Value? {
        let raw = cell(column)
        guard !raw.isEmpty else {
            report(column, "is required")
            return nil
        }
        do {
            return try parse(raw)
        } catch {
            report(column, error.reason)
            return nil
        }
    }

    private mutating func report(_ column: LabReadingsColumn, _ reason: String) {
        problems.append(CSVProblem(line: row.line, column: layout.name(of: column), reason: reason))
    }
}
