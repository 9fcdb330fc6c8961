/// Why a National Insurance number was refused. ``reason`` says which rule failed in plain English.
public struct NINOError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case empty
        case wrongLength
        case invalidCharacters
        case invalidFirstLetter
        case invalidSecondLetter
        case neverIssuedPrefix
        case invalidDigits
        case invalidSuffix
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// Nothing but spaces was given.
    public static let empty = NINOError(.empty)
    /// Not 9 characters once spaces are removed.
    public static let wrongLength = NINOError(.wrongLength)
    /// Something other than the letters A–Z, digits 0–9 and spaces.
    public static let invalidCharacters = NINOError(.invalidCharacters)
    /// The first character is not a letter, or is D, F, I, Q, U or V.
    public static let invalidFirstLetter = NINOError(.invalidFirstLetter)
    /// The second character is not a letter, or is D, F, I, O, Q, U or V.
    public static let invalidSecondLetter = NINOError(.invalidSecondLetter)
    /// The prefix is BG, GB, KN, NK, NT, TN or ZZ, which are never issued.
    public static let neverIssuedPrefix = NINOError(.neverIssuedPrefix)
    /// Characters 3–8 are not all digits.
    public static let invalidDigits = NINOError(.invalidDigits)
    /// The last character is not A, B, C or D.
    public static let invalidSuffix = NINOError(.invalidSuffix)

    /// Which rule failed, in plain English, for CLI output and API problem details.
    public var reason: String {
        switch kind {
        case .empty:
            "the National Insurance number is empty"
        case .wrongLength:
            "a National Insurance number has 9 characters: 2 letters, 6 digits and a final letter A, B, C or D"
        case .invalidCharacters:
            "a National Insurance number may only contain the letters A–Z, the digits 0–9 and spaces"
        case .invalidFirstLetter:
            "the first character of a National Insurance number must be a letter other than D, F, I, Q, U or V"
        case .invalidSecondLetter:
            "the second character of a National Insurance number must be a letter other than D, F, I, O, Q, U or V"
        case .neverIssuedPrefix:
            "National Insurance numbers starting BG, GB, KN, NK, NT, TN or ZZ are never issued"
        case .invalidDigits:
            "characters 3 to 8 of a National Insurance number must be digits"
        case .invalidSuffix:
            "the last character of a National Insurance number must be A, B, C or D"
        }
    }

    /// The reason.
    public var description: String { reason }
}
