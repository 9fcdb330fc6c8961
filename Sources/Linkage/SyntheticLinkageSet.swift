/// A generated people file with ground truth, shaped like the registers of a radiation protection service:
/// several organisations, people registered at more than one, typos, nicknames, swapped and comma-ordered names,
/// married-name changes, missing NINOs, moved addresses, twins, dummies, name-only records and the deceased.
/// The same seed gives the same set on every platform.
public struct SyntheticLinkageSet: Sendable {
    /// The records, shuffled.
    public var records: [LinkageRecord]
    /// The true person of each record (a dummy is a person of its own).
    public var truePerson: [Int]
    /// Whether each record was generated as a dummy.
    public var isDummy: [Bool]
    /// Whether each record's person died (some of their records may not say so).
    public var isDeceasedPerson: [Bool]

    /// Generates about `recordCount` records from `organisations` senders.
    public init(recordCount: Int, organisations: Int = 12, seed: UInt64 = 2017) {
        var maker = SyntheticMaker(seed: seed, organisations: max(1, organisations))
        var rows: [(LinkageRecord, Int, Bool, Bool)] = []
        rows.reserveCapacity(recordCount + 8)
        var person = 0
        while rows.count < recordCount {
            let roll = maker.unit()
            if roll < 0.005 {
                rows.append((maker.dummy(number: rows.count), person, true, false))
            } else if roll < 0.01 {
                rows.append((maker.nameOnly(number: rows.count), person, false, false))
            } else {
                let base = maker.person()
                let deceased = maker.unit() < 0.015
                for record in maker.registrations(of: base, deceased: deceased, firstNumber: rows.count) {
                    rows.append((record, person, false, deceased))
                }
                // About one person in three hundred has a twin: same surname, birthday and home.
                if maker.unit() < 0.003 {
                    person += 1
                    for record in maker.registrations(
                        of: maker.twin(of: base), deceased: false,
                        firstNumber: rows.count)
                    {
                        rows.append((record, person, false, false))
                    }
                }
            }
            person += 1
        }
        var generator = maker.generator
        rows.shuffle(using: &generator)
        records = rows.map(\.0)
        truePerson = rows.map(\.1)
        isDummy = rows.map(\.2)
        isDeceasedPerson = rows.map(\.3)
    }
}

/// One generated true person.
struct SyntheticPerson {
    var female: Bool
    var forenames: [String]
    var surname: String
    var birth: LinkageDate
    var nino: String
    var address: (number: Int, street: Int, type: Int, town: Int)
    var postcode: String
    var email: String?
    var phone: String?
}

struct SyntheticMaker {
    var generator: SplitMix64
    let organisations: Int

    init(seed: UInt64, organisations: Int) {
        generator = SplitMix64(seed: seed)
        self.organisations = organisations
    }

    mutating func unit() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(generator.next() % UInt64(max(1, n))) }
    mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func surname() -> String {
        // Zipf-like head of common Welsh surnames (about 40% of people), then a long tail of rarer ones.
        if chance(0.4) {
            let list = SyntheticNames.commonSurnames
            let rank = Int(Double(list.count) * unit() * unit() * unit())
            return list[min(rank, list.count - 1)]
        }
        return pick(SyntheticNames.surnameStarts) + pick(SyntheticNames.surnameMiddles)
            + pick(SyntheticNames.surnameEnds)
    }

    mutating func person() -> SyntheticPerson {
        let female = chance(0.5)
        let names = female ? SyntheticNames.femaleForenames : SyntheticNames.maleForenames
        var forenames = [names[min(names.count - 1, Int(Double(names.count) * unit() * unit()))]]
        if chance(0.4) { forenames.append(pick(names)) }
        let family = surname()
        let birth = LinkageDate(unchecked: 1945 + below(60), 1 + below(12), 1 + below(28))
        let first = Array("ABCEGHJKLMNOPRSTWXYZ")
        let second = Array("ABCEGHJKLMNPRSTWXYZ")
        var prefix = "\(pick(first))\(pick(second))"
        while DummyRules.standard.neverIssuedNINOPrefixes.contains(prefix) { prefix = "\(pick(first))\(pick(second))" }
        let nino = "\(prefix)\(digits(6))\(pick(Array("ABCD")))"
        let email = chance(0.7) ? emailAddress(forenames[0], family) : nil
        let phone = chance(0.6) ? "07" + digits(9) : nil
        return SyntheticPerson(
            female: female, forenames: forenames, surname: family, birth: birth, nino: nino,
            address: newAddress(), postcode: newPostcode(), email: email, phone: phone)
    }

    mutating func twin(of person: SyntheticPerson) -> SyntheticPerson {
        var twin = self.person()
        twin.surname = person.surname
        twin.birth = person.birth
        twin.address = person.address
        twin.postcode = person.postcode
        return twin
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(below(10))) })
    }

    mutating func newAddress() -> (number: Int, street: Int, type: Int, town: Int) {
        (
            1 + below(200), below(SyntheticNames.streets.count), below(SyntheticNames.streetTypes.count),
            below(SyntheticNames.towns.count)
        )
    }

    mutating func newPostcode() -> String {
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        return "\(pick(SyntheticNames.postcodeDistricts)) \(below(10))\(pick(letters))\(pick(letters))"
    }

    mutating func emailAddress(_ forename: String, _ surname: String) -> String {
        let local =
            TextFolding.fold(forename).replacing(" ", with: "") + "."
            + TextFolding.fold(surname).replacing(" ", with: "")
        // Mail systems give each person their own address, so common names get a number.
        return local + String(1 + below(9999)) + "@" + pick(SyntheticNames.emailDomains)
    }

    mutating func registrationCount() -> Int {
        let roll = unit()
        return roll < 0.55 ? 1 : roll < 0.80 ? 2 : roll < 0.92 ? 3 : roll < 0.98 ? 4 : 5
    }

    mutating func dummy(number: Int) -> LinkageRecord {
        let (forenames, surname) = pick(SyntheticNames.dummyNames)
        return LinkageRecord(
            recordID: recordID(number), organisation: organisation(below(organisations)),
            staffNumber: chance(0.5) ? digits(6) : nil, forenames: forenames, surname: surname,
            dateOfBirth: chance(0.5) ? LinkageDate(year: 1900, month: 1, day: 1) : nil,
            nino: chance(0.5) ? "QQ 12 34 56 C" : nil, updatedAt: timestamp(year: 2015 + below(9)),
            isCanary: chance(0.1))
    }

    mutating func nameOnly(number: Int) -> LinkageRecord {
        let base = person()
        return LinkageRecord(
            recordID: recordID(number), organisation: organisation(below(organisations)),
            forenames: base.forenames[0], surname: base.surname, updatedAt: timestamp(year: 2012 + below(12)))
    }

    func recordID(_ number: Int) -> String { "R\(number + 1)" }
    func organisation(_ index: Int) -> String { "ORG\(index + 1)" }
    func timestamp(year: Int) -> String { "\(year)-06-15T09:30:00Z" }
}
