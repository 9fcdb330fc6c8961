import DoseCore
import Foundation
import Interchange
import SievertServices

/// People-file rows for benchmarks, made from ``SyntheticPopulation`` (invented people, never real ones).
///
/// The same seed always gives the same rows, so runs compare like with like.
public enum SyntheticPeopleFile {
    /// `count` valid people-file records for the organisation `code`, each with a staff number and a NINO.
    public static func records(count: Int, organisationCode code: String, seed: UInt64 = 2026) throws
        -> [PeopleCSVRecord]
    {
        let organisationCode = try OrganisationCode(code)
        var population = SyntheticPopulation(seed: seed)
        // The population needs an organisation id for its staff numbers; the file carries only the code.
        let organisationID = OrganisationID.generate(now: Date(timeIntervalSince1970: 0))
        let now = Date()
        return (0..<count).map { index in
            let (person, employment) = population.person(organisationID: organisationID, now: now)
            // A sender's own key rather than a Sievert id: a UUID-shaped record id would send the importer
            // looking for an existing person by that id, which a first import from an HR system never does.
            return PeopleCSVRecord(
                line: index + 2, recordID: "HR\(100_000 + index)", organisationCode: organisationCode,
                staffNumber: employment.staffNumber, identity: person.identity, contact: person.contact,
                status: person.status, dateOfDeath: person.dateOfDeath, updatedAt: nil)
        }
    }

    /// A complete people file (header and CRLF rows) of `count` synthetic people.
    public static func bytes(count: Int, organisationCode code: String, seed: UInt64 = 2026) throws -> [UInt8] {
        PeopleCSV.write(try records(count: count, organisationCode: code, seed: seed))
    }
}
