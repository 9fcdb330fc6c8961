/// How one true person becomes several records: registrations at organisations over the years, with the
/// changes of life (moves, marriage) and the errors of data entry that real registers show.
extension SyntheticMaker {
    mutating func registrations(of base: SyntheticPerson, deceased: Bool, firstNumber: Int) -> [LinkageRecord] {
        var person = base
        let count = registrationCount()
        var year = 2010 + below(6)
        var records: [LinkageRecord] = []
        var usedOrganisations: [Int] = []
        var staffNumbers: [Int: String] = [:]
        for index in 0..<count {
            if index > 0 {
                // Life between registrations: moves, marriage, new contact details.
                if chance(0.35) {
                    person.address = newAddress()
                    person.postcode = newPostcode()
                }
                if person.female, chance(0.12) {
                    let married = surname()
                    person.surname = chance(0.2) ? person.surname + "-" + married : married
                }
                if chance(0.2) { person.email = chance(0.7) ? emailAddress(person.forenames[0], person.surname) : nil }
                if chance(0.2) { person.phone = chance(0.7) ? "07" + digits(9) : nil }
                year += 1 + below(2)
            }
            // Mostly a new employer; sometimes the same one registers the person again.
            let organisationIndex: Int
            if let last = usedOrganisations.last, chance(0.15) {
                organisationIndex = last
            } else {
                organisationIndex = below(organisations)
            }
            usedOrganisations.append(organisationIndex)
            // An employer keeps a person's staff number, though half re-issue one on re-registration.
            if staffNumbers[organisationIndex] == nil || chance(0.5) { staffNumbers[organisationIndex] = digits(6) }
            let isLast = index == count - 1
            records.append(
                record(
                    of: person, number: firstNumber + index, organisationIndex: organisationIndex,
                    staffNumber: chance(0.8) ? staffNumbers[organisationIndex] : nil, year: min(year, 2024),
                    deceased: deceased && isLast))
        }
        return records
    }

    private mutating func record(
        of person: SyntheticPerson, number: Int, organisationIndex: Int, staffNumber: String?, year: Int,
        deceased: Bool
    ) -> LinkageRecord {
        var forenames = person.forenames
        if forenames.count > 1, chance(0.4) { forenames.removeLast() }
        if chance(0.08), let nickname = nickname(of: forenames[0]) { forenames[0] = nickname }
        if chance(0.04) { forenames[0] = typo(forenames[0]) }
        var surname = person.surname
        if chance(0.04) { surname = typo(surname) }
        var forenameField: String? = forenames.joined(separator: " ")
        var surnameField: String? = surname
        let layout = unit()
        if layout < 0.02 {
            (forenameField, surnameField) = (surnameField, forenameField)
        } else if layout < 0.03 {
            (forenameField, surnameField) = (nil, "\(surname), \(forenames.joined(separator: " "))")
        }
        if chance(0.2) {
            forenameField = forenameField?.uppercased()
            surnameField = surnameField?.uppercased()
        }
        if chance(0.3) {
            forenameField = forenameField.map(TextFolding.fold)
            surnameField = surnameField.map(TextFolding.fold)
        }
        return LinkageRecord(
            recordID: recordID(number), organisation: organisation(organisationIndex),
            staffNumber: staffNumber, forenames: forenameField, surname: surnameField,
            dateOfBirth: dateOfBirth(person.birth), sex: chance(0.9) ? (person.female ? "F" : "M") : nil,
            nino: nino(person.nino), email: chance(0.75) ? person.email : nil,
            phone: chance(0.7) ? person.phone.map { formatted($0, international: chance(0.3)) } : nil,
            address: address(person),
            postcode: chance(0.93) ? postcodeVariant(person.postcode) : nil,
            status: deceased ? "deceased" : (chance(0.2) ? "left" : "active"),
            dateOfDeath: deceased && chance(0.7) ? LinkageDate(unchecked: year, 1 + below(12), 1 + below(28)) : nil,
            updatedAt: timestamp(year: year))
    }

    private mutating func dateOfBirth(_ date: LinkageDate) -> LinkageDate? {
        let roll = unit()
        if roll < 0.05 { return nil }
        if roll < 0.07, date.day <= 12 { return LinkageDate(unchecked: date.year, date.day, date.month) }
        if roll < 0.09 {
            return LinkageDate(unchecked: date.year, date.month, date.day % 10 == 9 ? date.day - 1 : date.day + 1)
        }
        if roll < 0.10 { return LinkageDate(unchecked: date.year + (chance(0.5) ? 1 : -1), date.month, date.day) }
        if roll < 0.103 { return LinkageDate(unchecked: 1900, 1, 1) }
        return date
    }

    private mutating func nino(_ value: String) -> String? {
        if chance(0.35) { return nil }
        var characters = Array(value)
        if chance(0.02) {
            let position = 2 + below(5)
            characters.swapAt(position, position + 1)
        }
        let text = String(characters)
        if chance(0.3) {
            let c = characters.map(String.init)
            return "\(c[0])\(c[1]) \(c[2])\(c[3]) \(c[4])\(c[5]) \(c[6])\(c[7]) \(c[8])"
        }
        return chance(0.1) ? text.lowercased() : text
    }

    private mutating func address(_ person: SyntheticPerson) -> String? {
        if chance(0.1) { return nil }
        let (number, street, type, town) = person.address
        let kind = SyntheticNames.streetTypes[type]
        let typeText = chance(0.2) ? kind.1 : kind.0
        var text = "\(number) \(SyntheticNames.streets[street]) \(typeText), \(SyntheticNames.towns[town])"
        if chance(0.03) { text = typo(text) }
        return chance(0.1) ? text.uppercased() : text
    }

    private mutating func postcodeVariant(_ postcode: String) -> String {
        let roll = unit()
        if roll < 0.1 { return postcode.replacing(" ", with: "") }
        if roll < 0.2 { return postcode.lowercased() }
        return postcode
    }

    private func formatted(_ phone: String, international: Bool) -> String {
        international ? "+44 " + phone.dropFirst() : phone
    }

    private mutating func nickname(of name: String) -> String? {
        let folded = TextFolding.fold(name)
        let candidates = Nicknames.pairs.filter { $0.1 == folded }.map(\.0)
        guard !candidates.isEmpty else { return nil }
        let chosen = pick(candidates)
        return chosen.prefix(1).uppercased() + chosen.dropFirst()
    }

    /// One keying error: a substitution, deletion, insertion or transposition of letters.
    mutating func typo(_ text: String) -> String {
        var characters = Array(text)
        guard characters.count > 2 else { return text }
        let position = 1 + below(characters.count - 2)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        switch below(4) {
        case 0: characters[position] = pick(letters)
        case 1: characters.remove(at: position)
        case 2: characters.insert(pick(letters), at: position)
        default: characters.swapAt(position, position + 1)
        }
        return String(characters)
    }
}
