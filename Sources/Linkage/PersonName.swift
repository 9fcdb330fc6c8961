/// A person's name folded and put in order: given names and surname as words, with titles and suffixes
/// removed and a `Surname, Forenames` entry in either field split at its comma.
public struct PersonName: Hashable, Sendable {
    /// Folded given names in order, e.g. `["john", "paul"]`.
    public var forenames: [String]
    /// Folded surname words, e.g. `["smith", "jones"]` for `Smith-Jones`.
    public var surnameParts: [String]

    /// The first given name, or `""`.
    public var forename: String { forenames.first ?? "" }
    /// The surname words joined without spaces (`"de la cruz"` → `"delacruz"`), so spacing never matters.
    public var surname: String { surnameParts.joined() }

    /// Creates a name from already folded words.
    public init(forenames: [String], surnameParts: [String]) {
        self.forenames = forenames
        self.surnameParts = surnameParts
    }

    /// Folds and orders the two name fields of a record.
    ///
    /// `Smith, John` in the surname field with no forenames (or in the forenames field with no surname) is read
    /// as surname `Smith`, forenames `John`; `John Smith` alone in the forenames field as forenames `John`,
    /// surname `Smith`.
    public init(forenames rawForenames: String?, surname rawSurname: String?) {
        self.init(
            forenames: rawForenames, surname: rawSurname, foldedForenames: TextFolding.fold(rawForenames ?? ""),
            foldedSurname: TextFolding.fold(rawSurname ?? ""))
    }

    /// The same, with both fields already folded (a cleanse folds them once for this and for ``DummyDetector``).
    init(forenames rawForenames: String?, surname rawSurname: String?, foldedForenames: String, foldedSurname: String) {
        var forenameText = rawForenames ?? ""
        var surnameText = rawSurname ?? ""
        var moved = true
        if foldedForenames.isEmpty, let (left, right) = Self.splitAtComma(surnameText) {
            (surnameText, forenameText) = (left, right)
        } else if foldedSurname.isEmpty, let (left, right) = Self.splitAtComma(forenameText) {
            (surnameText, forenameText) = (left, right)
        } else if let (left, right) = Self.splitAtComma(forenameText), TextFolding.fold(left) == foldedSurname {
            forenameText = right
        } else {
            moved = false
        }
        // Unless a comma moved text between the fields, their words are the folded fields split, not folded again.
        var given = moved ? TextFolding.tokens(forenameText) : Self.words(foldedForenames)
        var family = moved ? TextFolding.tokens(surnameText) : Self.words(foldedSurname)
        while let first = given.first, given.count > 1 || !family.isEmpty, Self.titles.contains(first) {
            given.removeFirst()
        }
        while let last = family.last, family.count > 1, Self.suffixes.contains(last) { family.removeLast() }
        if family.isEmpty, given.count > 1, let last = given.popLast() { family = [last] }
        forenames = given
        surnameParts = family
    }

    static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lady", "lord",
    ]
    static let suffixes: Set<String> = ["jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv", "phd"]

    private static func words(_ folded: String) -> [String] {
        folded.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func splitAtComma(_ text: String) -> (String, String)? {
        // Searched as UTF-8: a comma is one byte, so its index is a character boundary, found without grapheme
        // breaking.
        guard let comma = text.utf8.firstIndex(of: UInt8(ascii: ",")) else { return nil }
        let left = String(text[..<comma])
        let right = String(text[text.index(after: comma)...])
        guard !TextFolding.fold(left).isEmpty, !TextFolding.fold(right).isEmpty else { return nil }
        return (left, right)
    }
}
