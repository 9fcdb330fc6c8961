/// A blocking key: only records that share the value of at least one key are compared, which avoids comparing
/// all n² pairs (Christen, "Data Matching", ch. 4; several independent keys, his "multi-pass" blocking, so an
/// error in one field does not hide a true match).
public enum BlockingKey: Int, CaseIterable, Hashable, Sendable {
    /// The same NINO letters and suffix with the same digits in any order, so a NINO with two digits swapped
    /// still meets the right one.
    case nino
    /// The same phonetic code of the surname (``Phonetic/code(_:)``), the same year of birth and the same forename
    /// initial (nicknames filed under their formal names' initials too).
    case surnamePhoneticAndBirthYear
    /// The same date of birth and the same initial of either name (so a swapped forename and surname, or a
    /// surname changed on marriage, still meet).
    case nameInitialAndDateOfBirth
    /// The same postcode and the same initial of either name.
    case postcodeAndNameInitial
    /// The same date of birth and the same postcode, for a surname changed and a nickname used at once.
    case dateOfBirthAndPostcode
    /// The same staff number, or one with two adjacent characters swapped (within an organisation, and across
    /// organisations where the numbers are shared).
    case staffNumber
    /// The same e-mail address.
    case email
    /// The same telephone number.
    case phone
    /// The same forename and surname, in either field, for records that share no date of birth, NINO or contact
    /// detail.
    case fullName
    /// The same address and the same initial of either name, for a postcode keyed wrongly where the date of birth
    /// is missing or wrong too.
    case addressAndNameInitial
}

/// How candidate pairs are generated.
public struct BlockingOptions: Hashable, Sendable {
    /// The keys in use.
    public var keys: [BlockingKey]
    /// A block with more records than this is not expanded into pairs (its pairs are counted as skipped): such
    /// blocks come from very common values (a surname code and year shared by thousands) that say little, and
    /// the other keys still bring the true matches together.
    public var maximumBlockSize: Int
    /// The cap for ``BlockingKey/fullName`` blocks: a name shared by more records than this is too common for
    /// the name alone to link two of them, so comparing them would only cost time.
    public var maximumFullNameBlockSize: Int

    /// Creates options.
    public init(
        keys: [BlockingKey] = BlockingKey.allCases, maximumBlockSize: Int = 100, maximumFullNameBlockSize: Int = 12
    ) {
        self.keys = keys
        self.maximumBlockSize = maximumBlockSize
        self.maximumFullNameBlockSize = maximumFullNameBlockSize
    }

    /// The cap that applies to blocks of `key`.
    public func cap(for key: BlockingKey) -> Int {
        key == .fullName ? min(maximumBlockSize, maximumFullNameBlockSize) : maximumBlockSize
    }
}
