/// What counts as a dummy, test or placeholder value. Every list can be changed per run; ``standard`` is the set
/// the 2017 hand cleanse met (DOMAIN.md: "remove dummy entries").
public struct DummyRules: Hashable, Sendable {
    /// Folded words that make a name a dummy when any name word, stripped of trailing digits, is one of them,
    /// or when the whole name with its spaces removed is one (`"T E S T"`).
    public var nameWords: Set<String>
    /// NINOs (normalised, 9 characters) that are documentation or well-known example values.
    public var placeholderNINOs: Set<String>
    /// NINO prefixes HMRC never issues (or issues only as temporary references).
    public var neverIssuedNINOPrefixes: Set<String>
    /// Dates of birth systems fill in when the real one is unknown.
    public var placeholderDatesOfBirth: Set<LinkageDate>
    /// When set, 1 January of any year divisible by this is a placeholder too (1950-01-01, 1960-01-01 …).
    public var firstOfJanuaryRoundYearDivisor: Int?
    /// A date of birth before this year is a placeholder (nobody monitored today was born then).
    public var earliestPlausibleBirthYear: Int

    /// Creates rules.
    public init(
        nameWords: Set<String>,
        placeholderNINOs: Set<String>,
        neverIssuedNINOPrefixes: Set<String>,
        placeholderDatesOfBirth: Set<LinkageDate>,
        firstOfJanuaryRoundYearDivisor: Int?,
        earliestPlausibleBirthYear: Int
    ) {
        self.nameWords = nameWords
        self.placeholderNINOs = placeholderNINOs
        self.neverIssuedNINOPrefixes = neverIssuedNINOPrefixes
        self.placeholderDatesOfBirth = placeholderDatesOfBirth
        self.firstOfJanuaryRoundYearDivisor = firstOfJanuaryRoundYearDivisor
        self.earliestPlausibleBirthYear = earliestPlausibleBirthYear
    }

    /// The default rules.
    public static let standard = DummyRules(
        nameWords: [
            "test", "tester", "testing", "dummy", "spare", "control", "visitor", "unknown", "temp", "temporary",
            "xxx", "tbc", "tba", "placeholder", "example", "donotuse", "notknown", "noname", "unassigned",
            "anon", "anonymous", "canary", "badge", "fake",
        ],
        placeholderNINOs: ["QQ123456C", "QQ123456A", "QQ123456B", "QQ123456D", "AB123456C", "AB123456A"],
        // HMRC's NIM39110: these prefixes are never allocated (TN is a temporary reference, not a NINO).
        neverIssuedNINOPrefixes: ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"],
        placeholderDatesOfBirth: Set(
            [(1900, 1, 1), (1901, 1, 1), (1970, 1, 1), (2000, 1, 1), (1899, 12, 31), (1111, 11, 11)]
                .compactMap { LinkageDate(year: $0.0, month: $0.1, day: $0.2) }),
        firstOfJanuaryRoundYearDivisor: 10,
        earliestPlausibleBirthYear: 1900
    )
}
