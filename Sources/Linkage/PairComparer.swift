/// Compares two prepared records field by field, producing their ``ComparisonPattern`` and the values that
/// agreed exactly on names (for term-frequency adjustment).
struct PairComparer: Sendable {
    let records: PreparedRecords

    /// The outcome of comparing one pair.
    struct Outcome {
        var pattern: ComparisonPattern
        /// The forename and surname value ids that agreed exactly, else `-1`.
        var exactForename: Int32
        var exactSurname: Int32
        /// Whether the names agreed crosswise, each value being a forename in one record and a surname in the
        /// other.
        var namesSwapped = false
    }

    func compare(_ i: Int, _ j: Int) -> Outcome {
        let a = records.compact[i]
        let b = records.compact[j]

        var (fore, sur) = (
            forenameLevel(a.forename, a.secondForename, b.forename, b.secondForename),
            surnameLevel(a, b)
        )
        var exactForename: Int32 = fore == .exact ? a.forename : -1
        var exactSurname: Int32 = sur == .exact ? a.surname : -1
        var namesSwapped = false
        if fore > .equivalent || sur > .equivalent, let swapped = swappedLevels(a, b),
            swapped.forename.rawValue + swapped.surname.rawValue < fore.rawValue + sur.rawValue
        {
            (fore, sur) = (swapped.forename, swapped.surname)
            // A name that agrees crosswise keeps its term-frequency adjustment: "Nguyen Lachlan" meeting
            // "Lachlan Nguyen" says no more than two records written alike, which the adjustment marks down.
            exactForename = swapped.exactForename
            exactSurname = swapped.exactSurname
            namesSwapped = true
        }
        let sameOrganisation = a.organisation == b.organisation
        let staff = valueLevel(a.staffNumber, b.staffNumber, Comparators.identifier)
        let postcode = valueLevel(a.postcode, b.postcode, Comparators.postcode)
        // The address text only decides the level where the postcodes do not already differ; elsewhere only an
        // identical address counts, which spares the costly word comparison for most pairs.
        let address: AgreementLevel
        if postcode == .different || postcode == .partial {
            address = a.address >= 0 && a.address == b.address ? .exact : .different
        } else {
            address = addressLevel(a.address, b.address)
        }
        var code: UInt32 = 0
        func put(_ field: ComparisonField, _ level: AgreementLevel) {
            code += UInt32(level.rawValue) * Self.placeValues[field.rawValue]
        }
        put(.forename, fore)
        put(.surname, sur)
        put(.dateOfBirth, dateLevel(a.dateOfBirth, b.dateOfBirth))
        put(.sex, a.sex == 0 || b.sex == 0 ? .missing : a.sex == b.sex ? .exact : .different)
        put(.nino, valueLevel(a.nino, b.nino, Comparators.nino))
        put(.staffNumberSameOrganisation, sameOrganisation ? staff : .missing)
        put(.staffNumberOtherOrganisation, sameOrganisation ? .missing : staff)
        put(.location, Comparators.location(postcode: postcode, address: address))
        put(.email, valueLevel(a.email, b.email, Comparators.identifier))
        put(.phone, valueLevel(a.phone, b.phone, Comparators.identifier))
        return Outcome(
            pattern: ComparisonPattern(code: code), exactForename: exactForename, exactSurname: exactSurname,
            namesSwapped: namesSwapped)
    }

    private static let placeValues: [UInt32] = ComparisonField.allCases.map { field in
        (0..<field.rawValue).reduce(1) { value, _ in value * ComparisonPattern.radix }
    }

    /// The name levels when one record has forename and surname in each other's fields, with the values that
    /// agreed exactly (else `-1`); `nil` unless some name agrees exactly crosswise (a swap with typos on both
    /// sides is not worth the comparisons it would cost).
    private func swappedLevels(_ a: CompactRecord, _ b: CompactRecord) -> (
        forename: AgreementLevel, surname: AgreementLevel, exactForename: Int32, exactSurname: Int32
    )? {

        func same(_ x: Int32, _ y: Int32) -> Bool { x >= 0 && x == y }
        guard
            same(a.forename, b.surname) || same(a.surname, b.forename)
                || same(a.surnameFirstPart, b.forename) || same(a.forename, b.surnameFirstPart)
        else { return nil }
        // Either record may be the swapped one; the given-name side may carry a nickname, and a surname field
        // holding "Megan Elin" offers its first word.
        let iSwapped = (
            min(
                forenameLevel(a.surname, -1, b.forename, -1),
                forenameLevel(a.surnameFirstPart, -1, b.forename, -1)),
            crossLevel(a.forename, b.surname)
        )
        let jSwapped = (
            min(
                forenameLevel(a.forename, -1, b.surname, -1),
                forenameLevel(a.forename, -1, b.surnameFirstPart, -1)),
            crossLevel(a.surname, b.forename)
        )
        let iBetter = iSwapped.0.rawValue + iSwapped.1.rawValue <= jSwapped.0.rawValue + jSwapped.1.rawValue
        let best = iBetter ? iSwapped : jSwapped
        guard best.0 <= .close, best.1 <= .close else { return nil }
        let unswapped = iBetter ? b : a
        return (
            best.0, best.1, best.0 == .exact ? unswapped.forename : -1, best.1 == .exact ? unswapped.surname : -1
        )
    }

    private func valueLevel(
        _ a: Int32, _ b: Int32, _ compare: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> AgreementLevel
    ) -> AgreementLevel {
        if a < 0 || b < 0 { return .missing }
        if a == b { return .exact }
        return compare(records.values[a], records.values[b])
    }

    private func forenameLevel(_ a: Int32, _ a2: Int32, _ b: Int32, _ b2: Int32) -> AgreementLevel {
        if a < 0 || b < 0 { return .missing }
        if a == b { return .exact }
        // A nickname, or a middle name used as the everyday name.
        if records.areNicknames(a, b) || (a2 >= 0 && a2 == b) || (b2 >= 0 && b2 == a) { return .equivalent }
        return Comparators.forenameSimilarity(records.values[a], records.values[b])
    }

    private func surnameLevel(_ left: CompactRecord, _ right: CompactRecord) -> AgreementLevel {
        let a = left.surname
        let b = right.surname
        if a < 0 || b < 0 { return .missing }
        if a == b { return .exact }
        // One part of a double-barrelled surname.
        let leftPart = left.surnameFirstPart == b || left.surnameLastPart == b
        let rightPart = right.surnameFirstPart == a || right.surnameLastPart == a
        if leftPart || rightPart { return .equivalent }
        return Comparators.stringSimilarity(records.values[a], records.values[b])
    }

    private func crossLevel(_ a: Int32, _ b: Int32) -> AgreementLevel {
        if a < 0 || b < 0 { return .missing }
        if a == b { return .exact }
        return Comparators.stringSimilarity(records.values[a], records.values[b])
    }

    private func dateLevel(_ a: Int32, _ b: Int32) -> AgreementLevel {
        if a == 0 || b == 0 { return .missing }
        if a == b { return .exact }
        return Comparators.date(LinkageDate(packed: a), LinkageDate(packed: b))
    }

    private func addressLevel(_ a: Int32, _ b: Int32) -> AgreementLevel {
        if a < 0 || b < 0 { return .missing }
        if a == b { return .exact }
        return Comparators.addressLevel(
            Comparators.mongeElkan(records.addressWords[Int(a)], records.addressWords[Int(b)]))
    }
}
