/// What became of a dosemeter, as the lab reports it.
public enum LabReadingStatus: String, CaseIterable, Hashable, Sendable {
    /// The lab read the dosemeter and reported at least one dose or `M`.
    case measured
    /// Returned unopened (note "Unused"): processed, never accumulated into the dose of record.
    case unused
    /// Received damaged, so no evaluation was possible: IRR17 reg 23 applies.
    case damaged
    /// Lost or not returned: IRR17 reg 23 applies.
    case lost
    /// Every dose cell is blank and the note, if there is one, names none of the statuses above.
    case notReported

    /// The status a lab's note and dose cells describe. The note wins, because labs report unused and
    /// damaged dosemeters with blank cells but may still fill in a background value.
    ///
    /// Notes are read by whole words, case-insensitively: "unused" → unused; "damaged", "damage" or "no
    /// evaluation possible" → damaged; "lost", "not returned" or "non-returned" → lost. Any other note
    /// (such as "Reissued after reader recalibration") leaves the cells to decide.
    init(note: String?, cells: LabDoseCells) {
        let words = note.map(Self.words) ?? []
        func has(_ phrase: String...) -> Bool {
            guard phrase.count <= words.count else { return false }
            return (0...(words.count - phrase.count)).contains { start in
                words[start..<(start + phrase.count)].elementsEqual(phrase)
            }
        }
        if has("unused") {
            self = .unused
        } else if has("damaged") || has("damage") || has("no", "evaluation", "possible") {
            self = .damaged
        } else if has("lost") || has("not", "returned") || has("non", "returned") {
            self = .lost
        } else if cells.allBlank {
            self = .notReported
        } else {
            self = .measured
        }
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
