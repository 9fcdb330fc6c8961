import DoseCore
import Foundation
import SievertTestSupport

/// Invented people with distinctive values, for tests that search logs and pages for every personal value seeded.
struct KnownPerson {
    var forenames: String
    var surname: String
    var dateOfBirth: (year: Int, month: Int, day: Int)
    /// As a person would type it: spaced, upper case.
    var nino: String
    var email: String
    var phone: String
    var address: String
    var postcode: String
    var staffNumber: String

    var dateOfBirthISO: String {
        String(format: "%04d-%02d-%02d", dateOfBirth.year, dateOfBirth.month, dateOfBirth.day)
    }

    /// The registration body of the JSON API.
    var registration: String {
        let body: [String: String] = [
            "forenames": forenames, "surname": surname, "dateOfBirth": dateOfBirthISO, "sex": "F", "nino": nino,
            "email": email, "phone": phone, "address": address, "postcode": postcode, "staffNumber": staffNumber,
            "designation": "classified", "startDate": "2020-01-06",
        ]
        return String(decoding: (try? JSONEncoder().encode(body)) ?? Data(), as: UTF8.self)
    }

    /// A line of the people CSV (`PeopleCSV.header` order).
    func csvLine(recordID: String, organisation: String) -> String {
        [
            recordID, organisation, staffNumber, forenames, surname, dateOfBirthISO, "F", nino, email, phone,
            "\"\(address)\"", postcode, "active", "", "",
        ].joined(separator: ",")
    }

    /// Every rendering of every value a log or page might carry: names whole and in parts and capitals, the date
    /// of birth as ISO, British, compact and long dates, the NINO spaced, compact and in lower case, contact
    /// details as typed and normalised.
    var renderings: [String] {
        let (year, month, day) = dateOfBirth
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let compactNINO = nino.replacingOccurrences(of: " ", with: "")
        return [
            forenames, surname, surname.uppercased(), "\(forenames) \(surname)", dateOfBirthISO,
            String(format: "%02d/%02d/%04d", day, month, year), String(format: "%04d%02d%02d", year, month, day),
            String(format: "%02d%02d%04d", day, month, year), "\(day) \(months[month - 1]) \(year)",
            "\(day) \(months[month - 1].prefix(3)) \(year)", nino, compactNINO, compactNINO.lowercased(),
            nino.lowercased(), email, phone, phone.replacingOccurrences(of: " ", with: ""), address, postcode,
            postcode.replacingOccurrences(of: " ", with: ""), staffNumber,
        ]
    }

    static let registered = [
        KnownPerson(
            forenames: "Gwenllian", surname: "Trevithick-Oakes", dateOfBirth: (1979, 8, 23), nino: "JT 48 21 93 B",
            email: "gwen.trevithick@example.org", phone: "029 2074 7747", address: "14 Heol Ceirios, Rhiwbina",
            postcode: "CF14 6BQ", staffNumber: "STF-40917"),
        KnownPerson(
            forenames: "Bartholomew", surname: "Quennell-Saxby", dateOfBirth: (1966, 2, 11), nino: "PR 73 05 62 A",
            email: "bart.quennell@example.net", phone: "01632 960418", address: "Flat 3, 77 Marlowe Terrace",
            postcode: "SA1 3RT", staffNumber: "STF-40918"),
    ]

    static let imported = [
        KnownPerson(
            forenames: "Morwenna", surname: "Castellanos", dateOfBirth: (1991, 12, 5), nino: "CE 55 81 20 D",
            email: "morwenna.c@example.org", phone: "07700 900581", address: "2 Ffordd yr Afon, Llandaf",
            postcode: "CF5 2YB", staffNumber: "STF-40919"),
        KnownPerson(
            forenames: "Ieuan", surname: "Abernethy-Rhys", dateOfBirth: (1988, 4, 30), nino: "WL 19 64 37 C",
            email: "ieuan.ar@example.net", phone: "07700 900734", address: "9 Clos Helygen, Pentwyn",
            postcode: "CF23 7HX", staffNumber: "STF-40920"),
    ]

    /// Registered through the portal's form, after a refused attempt.
    static let portal = KnownPerson(
        forenames: "Sioned", surname: "Vaughan-Whitlock", dateOfBirth: (1994, 7, 19), nino: "HN 26 40 88 B",
        email: "sioned.vw@example.org", phone: "07700 900112", address: "5 Lon Isaf, Radur", postcode: "CF15 8DD",
        staffNumber: "STF-40921")
}

extension PlaintextScan {
    /// A scan for every rendering of `people` and for `others` (secrets, free text, doses as written).
    static func of(_ people: [KnownPerson], others: [String]) throws -> PlaintextScan {
        var scan = PlaintextScan()
        for value in people.flatMap(\.renderings) + others where value.utf8.count >= 5 {
            try scan.add(value)
        }
        return scan
    }
}
