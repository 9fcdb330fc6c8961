/// Why a record looks like a dummy, test or placeholder entry.
public struct DummyFindings: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// Creates findings from raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// A name such as `TEST PERSON`, `Dummy1`, `Spare Badge`, `xxx`.
    public static let dummyName = DummyFindings(rawValue: 1 << 0)
    /// The sender flagged the record as a canary.
    public static let canary = DummyFindings(rawValue: 1 << 1)
    /// A documentation, never-issued or repeated-digit NINO.
    public static let placeholderNINO = DummyFindings(rawValue: 1 << 2)
    /// A placeholder date of birth such as 1900-01-01.
    public static let placeholderDateOfBirth = DummyFindings(rawValue: 1 << 3)
}

/// Finds dummy, test and placeholder entries.
///
/// A record is a dummy when its name is a dummy name, when it is a canary, or when both its NINO and its date of
/// birth are placeholders. A placeholder NINO or date of birth alone does not make a real-looking person a dummy
/// (real people are born on 1 January and clerks copy the example NINO from a form); the value is ignored for
/// linkage instead, so it can neither join nor separate people.
public struct DummyDetector: Sendable {
    /// The rules in force.
    public var rules: DummyRules

    /// Creates a detector.
    public init(rules: DummyRules = .standard) {
        self.rules = rules
    }

    /// Everything that looks like a placeholder in `record`.
    public func findings(for record: LinkageRecord) -> DummyFindings {
        findings(
            for: record, foldedForenames: TextFolding.fold(record.forenames ?? ""),
            foldedSurname: TextFolding.fold(record.surname ?? ""))
    }

    /// The same, with the name fields already folded (a cleanse folds them once for this and for ``PersonName``).
    func findings(for record: LinkageRecord, foldedForenames: String, foldedSurname: String) -> DummyFindings {
        var findings: DummyFindings = []
        if record.isCanary { findings.insert(.canary) }
        if isDummyName(folded: foldedForenames) || isDummyName(folded: foldedSurname) { findings.insert(.dummyName) }
        if let nino = Normalise.nino(record.nino), isPlaceholderNINO(nino) { findings.insert(.placeholderNINO) }
        if let date = record.dateOfBirth, isPlaceholderDateOfBirth(date) { findings.insert(.placeholderDateOfBirth) }
        return findings
    }

    /// Whether `findings` make the record a dummy.
    public func isDummy(_ findings: DummyFindings) -> Bool {
        !findings.isDisjoint(with: [.dummyName, .canary])
            || findings.isSuperset(of: [.placeholderNINO, .placeholderDateOfBirth])
    }

    /// Whether `record` is a dummy.
    public func isDummy(_ record: LinkageRecord) -> Bool { isDummy(findings(for: record)) }

    /// Whether a name field is a dummy name: a listed word (digits stripped), the whole field without spaces
    /// a listed word, or a run of one repeated letter (`xxx`, `ZZZZ`).
    public func isDummyName(_ raw: String?) -> Bool {
        guard let raw else { return false }
        return isDummyName(folded: TextFolding.fold(raw))
    }

    func isDummyName(folded text: String) -> Bool {
        var text = text
        // Word by word over the bytes, without arrays: every record's two name fields pass through here.
        return text.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            let space = UInt8(ascii: " ")
            if bytes.contains(space),
                rules.nameWords.contains(String(decoding: bytes.filter { $0 != space }, as: UTF8.self))
            {
                return true
            }
            var allDigits = true
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != space { end += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let isDummy =
                    word.contains(where: Normalise.isDigit)
                    ? isDummyWord(word.filter { !Normalise.isDigit($0) }, allDigits: &allDigits)
                    : isDummyWord(word, allDigits: &allDigits)
                if isDummy { return true }
                start = end + 1
            }
            // A name of digits only ("12345") is a badge or staff number typed in the wrong column.
            return allDigits
        }
    }

    // One word's letters: a listed word, or a run of one repeated letter.
    private func isDummyWord(_ letters: some Collection<UInt8>, allDigits: inout Bool) -> Bool {
        if !letters.isEmpty { allDigits = false }
        if rules.nameWords.contains(String(decoding: letters, as: UTF8.self)) { return true }
        guard letters.count >= 3, let first = letters.first else { return false }
        return letters.allSatisfy { $0 == first }
    }

    /// Whether a normalised NINO is a placeholder: a listed example, a never-issued prefix, an impossible first
    /// or second letter (HMRC never uses D, F, I, Q, U, V first or D, F, I, O, Q, U, V second), or six equal
    /// digits.
    public func isPlaceholderNINO(_ nino: String) -> Bool {
        let bytes = Array(nino.utf8)
        guard bytes.count >= 8 else { return false }
        if rules.placeholderNINOs.contains(nino) { return true }
        if rules.neverIssuedNINOPrefixes.contains(String(decoding: bytes[0..<2], as: UTF8.self)) { return true }
        if Self.forbiddenFirst.contains(bytes[0]) || Self.forbiddenSecond.contains(bytes[1]) { return true }
        let digits = bytes[2..<8]
        return Set(digits).count == 1
    }

    /// Whether a date of birth is a placeholder under ``rules``.
    public func isPlaceholderDateOfBirth(_ date: LinkageDate) -> Bool {
        if rules.placeholderDatesOfBirth.contains(date) || date.year < rules.earliestPlausibleBirthYear {
            return true
        }
        if let divisor = rules.firstOfJanuaryRoundYearDivisor, divisor > 0, date.month == 1, date.day == 1,
            date.year % divisor == 0
        {
            return true
        }
        return false
    }

    private static let forbiddenFirst = Set("DFIQUV".utf8)
    private static let forbiddenSecond = Set("DFIOQUV".utf8)
}
