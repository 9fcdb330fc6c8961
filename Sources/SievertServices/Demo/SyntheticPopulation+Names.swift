// Invented names and places, composed from syllables. There is no list of real people here: names come
// out common-looking but made up, and every email, phone number and domain is a reserved example.
extension SyntheticPopulation {
    static let forenameStarts = [
        "Al", "Ar", "Bel", "Bryn", "Ca", "Cer", "Dan", "Del", "El", "Eir", "Gar", "Gwen", "Han", "Is", "Jo", "Ka",
        "Lin", "Lo", "Ma", "Mer", "Ni", "Ol", "Pen", "Ra", "Rho", "Sa", "Si", "Ta", "Tre", "Wyn", "Ys", "Ed",
    ]
    static let forenameEnds = [
        "a", "an", "en", "eth", "ia", "ie", "in", "on", "or", "wen", "wyn", "yn", "el", "ric", "ra", "is", "ys",
    ]
    static let surnameStarts = [
        "Ash", "Bram", "Carr", "Dal", "Ell", "Fen", "Glyn", "Hal", "Kes", "Lang", "Mor", "Nant", "Pen", "Rad",
        "Stan", "Tal", "Thorn", "Wil", "Wyn", "Bry", "Cole", "Hart", "Lyn", "Roth",
    ]
    static let surnameEnds = [
        "ford", "well", "ton", "by", "ley", "wood", "field", "more", "stone", "worth", "dale", "combe", "ridge",
        "brook", "ham", "ing", "ett", "ow",
    ]
    static let townStarts = ["Aber", "Llan", "Pont", "Caer", "Tre", "Cwm", "Nant", "Bryn", "Glan", "Pen", "Rhos"]
    static let townEnds = ["dovey", "gwyn", "ferry", "mawr", "fach", "wen", "hir", "isaf", "uchaf", "coed", "tarw"]
    static let streetKinds = ["Road", "Street", "Lane", "Avenue", "Close", "Terrace", "Crescent", "Way"]
    static let emailDomains = ["example.org", "example.net", "example.com"]
    static let postcodeAreas = ["CF", "SA", "NP", "LL", "SY", "LD"]
    // Royal Mail never uses C, I, K, M, O or V in the last two letters of a postcode.
    static let inwardLetters = Array("ABDEFGHJLNPQRSTUWXYZ")
    static let departments = [
        "Radiology", "Nuclear Medicine", "Radiotherapy", "Cardiology", "Interventional Radiology", "Theatres",
        "Dental Surgery", "Imaging", "Security Screening", "Medical Physics",
    ]
    // Letters a NINO may start with (not D, F, I, Q, U, V) and follow with (also not O).
    static let ninoFirstLetters = Array("ABCEGHJKLMNOPRSTWXYZ")
    static let ninoSecondLetters = Array("ABCEGHJKLMNPRSTWXYZ")
    static let ninoNeverIssued: Set<String> = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]

    mutating func pick<T>(_ values: [T]) -> T {
        values[Int.random(in: 0..<values.count, using: &random)]
    }

    mutating func forename() -> String {
        pick(Self.forenameStarts) + pick(Self.forenameEnds)
    }

    mutating func surname() -> String {
        pick(Self.surnameStarts) + pick(Self.surnameEnds)
    }

    mutating func town() -> String {
        pick(Self.townStarts) + pick(Self.townEnds)
    }

    mutating func address() -> String {
        let number = Int.random(in: 1...199, using: &random)
        return "\(number) \(surname()) \(pick(Self.streetKinds)), \(town())"
    }

    mutating func postcode() -> String {
        let district = Int.random(in: 1...48, using: &random)
        let sector = Int.random(in: 0...9, using: &random)
        return "\(pick(Self.postcodeAreas))\(district) \(sector)\(pick(Self.inwardLetters))\(pick(Self.inwardLetters))"
    }

    mutating func phone() -> String {
        // Ofcom reserves 07700 900000–900999 for drama: these numbers never ring anyone.
        let number = Int.random(in: 0...999, using: &random)
        let digits = String(number)
        return "07700 900" + String(repeating: "0", count: 3 - digits.count) + digits
    }

    mutating func email(forenames: String, surname: String) -> String {
        let first = forenames.split(separator: " ").first.map(String.init) ?? forenames
        let suffix = Bool.random(using: &random) ? "" : String(Int.random(in: 1...99, using: &random))
        return "\(first).\(surname)\(suffix)".lowercased() + "@" + pick(Self.emailDomains)
    }

    mutating func ninoCandidate() -> String {
        var prefix = ""
        repeat {
            prefix = String([pick(Self.ninoFirstLetters), pick(Self.ninoSecondLetters)])
        } while Self.ninoNeverIssued.contains(prefix)
        let digits = String(Int.random(in: 0...999_999, using: &random))
        let padded = String(repeating: "0", count: 6 - digits.count) + digits
        return prefix + padded + String(pick(Array("ABCD")))
    }
}
