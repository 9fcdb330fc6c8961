import Interchange
import Linkage
import SievertServices
import Testing

/// The lenient reader of `sievert breach cleanse`: values kept as found, only the blanks around them dropped.
@Suite("Breach people file")
struct BreachPeopleFileTests {
    @Test("cells are read without the blanks around them, no-break and thin spaces included; a blank cell is missing")
    func trimsCells() throws {
        // setup
        let header = PeopleCSV.header.joined(separator: ",")
        let line = "r1, VEL ,\t S1 ,\u{00A0}Bethan Nia\u{2009},Prosser,1984-03-07, ,QQ 12 34 56 C,,,,,,,"
        // MUT
        let records = try PeopleFileCleanse.records(Array("\(header)\n\(line)\n".utf8))
        // validate
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.recordID == "r1" && record.organisation == "VEL" && record.staffNumber == "S1")
        #expect(record.forenames == "Bethan Nia" && record.surname == "Prosser")
        #expect(record.dateOfBirth == LinkageDate(year: 1984, month: 3, day: 7))
        #expect(record.sex == nil && record.email == nil)
        #expect(record.nino == "QQ 12 34 56 C")
    }
}
