import Interchange
import Linkage

/// `sievert breach generate`: a generated RPS-like people file with the true person of every row, for measuring
/// `sievert breach cleanse` against other tools (`scripts/linkage-peers`) and at scale. The records come from
/// ``SyntheticLinkageSet``: several employers, typos, nicknames, swapped names, married names, missing NINOs,
/// moves, twins, dummies and the deceased. Every name, NINO and address in it is invented.
public enum SyntheticBreachFile {
    /// The truth file's header: each record and its true person (`T…`; a dummy is a person of its own).
    public static let truthHeader = ["record_id", "person_id"]

    /// The people file (the people CSV, as `breach cleanse` reads it) and the truth file of the set generated from
    /// `seed`; the same arguments give the same bytes.
    public static func make(records: Int, organisations: Int, seed: UInt64) -> (people: [UInt8], truth: [UInt8]) {
        let set = SyntheticLinkageSet(recordCount: records, organisations: organisations, seed: seed)
        var people = CSVWriter()
        people.append(PeopleCSV.header)
        var truth = CSVWriter()
        truth.append(truthHeader)
        for (record, person) in zip(set.records, set.truePerson) {
            people.append(row(record))
            truth.append([record.recordID, "T\(person)"])
        }
        return (people.bytes, truth.bytes)
    }

    /// A record as a people CSV row, in ``PeopleCSV/header`` order. The canary flag has no column: a generated
    /// canary carries a dummy name, which is how the cleanse finds it in a file.
    static func row(_ record: LinkageRecord) -> [String] {
        [
            record.recordID, record.organisation, record.staffNumber ?? "", record.forenames ?? "",
            record.surname ?? "", record.dateOfBirth?.description ?? "", record.sex ?? "", record.nino ?? "",
            record.email ?? "", record.phone ?? "", record.address ?? "", record.postcode ?? "", record.status ?? "",
            record.dateOfDeath?.description ?? "", record.updatedAt ?? "",
        ]
    }
}
