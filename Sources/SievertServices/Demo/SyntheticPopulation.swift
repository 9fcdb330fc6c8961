import DoseCore
import Foundation

/// A deterministic generator of invented wearers for demos and tests: the same seed always gives the
/// same people. Names, addresses and postcodes are composed from syllables; emails use the reserved
/// example domains; phone numbers are in Ofcom's drama range; NINOs pass every format rule and are
/// unique within one population.
public struct SyntheticPopulation: Sendable {
    var random: Generator
    private var issuedNINOs: Set<String> = []
    private var staffNumbers: [OrganisationID: Int] = [:]

    /// Creates a population whose people are fixed by `seed`.
    public init(seed: UInt64) {
        random = Generator(seed: seed)
    }

    /// The next invented person, registered by `organisationID` at `now`, with their employment there.
    ///
    /// Born 1955–2006 (and at least 16 today); employed from their 16th birthday at the earliest;
    /// designated non-classified, or classified for about one adult in five, or trainee when 16 or 17 at
    /// the start.
    public mutating func person(organisationID: OrganisationID, now: Date) -> (Person, Employment) {
        let today = CalendarDate(now)
        let dateOfBirth = randomDateOfBirth(today: today)
        let sex = randomSex()
        let forenames = Int.random(in: 0..<5, using: &random) == 0 ? "\(forename()) \(forename())" : forename()
        let surname = surname()
        let identity = PersonIdentity(
            forenames: forenames, surname: surname, dateOfBirth: dateOfBirth, sex: sex, nino: uniqueNINO())
        let contact = ContactDetails(
            email: email(forenames: forenames, surname: surname), phone: phone(), address: address(),
            postcode: postcode())
        let person = Person(
            id: .generate(now: now, using: &random), organisationID: organisationID, identity: identity,
            contact: contact, createdAt: now, updatedAt: now)

        let start = randomStart(dateOfBirth: dateOfBirth, today: today)
        let employment = Employment(
            id: .generate(now: now, using: &random), organisationID: organisationID, personID: person.id,
            staffNumber: nextStaffNumber(organisationID), department: pick(Self.departments), start: start,
            designations: designations(dateOfBirth: dateOfBirth, start: start), createdAt: now, updatedAt: now)
        return (person, employment)
    }

    private mutating func randomDateOfBirth(today: CalendarDate) -> CalendarDate {
        let earliest = CalendarDate(year: 1955, month: 1, day: 1) ?? today
        let sixteenYearsAgo = today.adding(years: -16) ?? today
        let latest = min(CalendarDate(year: 2006, month: 12, day: 31) ?? today, sixteenYearsAgo)
        guard earliest < latest else { return latest }
        let offset = Int.random(in: 0...earliest.days(until: latest), using: &random)
        return earliest.adding(days: offset) ?? earliest
    }

    private mutating func randomStart(dateOfBirth: CalendarDate, today: CalendarDate) -> CalendarDate {
        let sixteenth = dateOfBirth.adding(years: 16) ?? dateOfBirth
        let earliest = max(sixteenth, today.adding(years: -30) ?? sixteenth)
        guard earliest < today else { return today }
        return earliest.adding(days: Int.random(in: 0...earliest.days(until: today), using: &random)) ?? today
    }

    private mutating func randomSex() -> Sex {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<55: .female
        case 55..<98: .male
        case 98: .other
        default: .unknown
        }
    }

    private mutating func designations(dateOfBirth: CalendarDate, start: CalendarDate) -> DesignationHistory {
        let age = dateOfBirth.age(on: start)
        let designation: Designation
        if age < 18 {
            designation = .trainee
        } else {
            designation = Int.random(in: 0..<5, using: &random) == 0 ? .classified : .nonClassified
        }
        // Every choice above meets the age rules, so this cannot fail; an empty history is the safe fallback.
        return (try? DesignationHistory().designating(designation, from: start, dateOfBirth: dateOfBirth))
            ?? DesignationHistory()
    }

    private mutating func uniqueNINO() -> NINO? {
        // 373 prefixes × 10⁶ numbers × 4 suffixes leaves collisions rare, so a few retries always suffice.
        for _ in 0..<1000 {
            let candidate = ninoCandidate()
            guard !issuedNINOs.contains(candidate), let nino = try? NINO(parsing: candidate) else { continue }
            issuedNINOs.insert(candidate)
            return nino
        }
        return nil
    }

    private mutating func nextStaffNumber(_ organisationID: OrganisationID) -> String {
        let next = (staffNumbers[organisationID] ?? 100_000) + 1
        staffNumbers[organisationID] = next
        return "S\(next)"
    }
}
