import DoseCore
import Interchange

// Builds people files in code: a valid invented row, with any cells overridden by column name.
enum PeopleCSVFixtures {
    static let today = CalendarDate(uncheckedTest: "2024-06-01")

    static let validCells: [String: String] = [
        "record_id": "R-0001", "organisation_code": "avuhb", "staff_number": "e1001", "forenames": "Rhian",
        "surname": "Testfield", "date_of_birth": "1984-03-07", "sex": "F", "ni_number": "ab 12 34 56 c",
        "email": "rhian.testfield@example.org", "phone": "07700 900123", "address": "1 Example Road, Testville",
        "postcode": "cf14 2tl", "status": "active", "date_of_death": "", "updated_at": "2024-05-01T10:20:30Z",
    ]

    static func row(_ overrides: [String: String] = [:]) -> [String] {
        PeopleCSV.header.map { overrides[$0] ?? validCells[$0] ?? "" }
    }

    static func file(_ rows: [[String]], header: [String] = PeopleCSV.header) -> [UInt8] {
        CSVWriter.encode([header] + rows)
    }

    static func parse(_ rows: [[String]], maxErrors: Int = 1000) -> PeopleCSVParseResult {
        PeopleCSV.parse(file(rows), today: today, maxErrors: maxErrors)
    }
}

extension CalendarDate {
    init(uncheckedTest iso: String) {
        guard let date = try? CalendarDate(iso: iso) else { fatalError("bad test date \(iso)") }
        self = date
    }
}
