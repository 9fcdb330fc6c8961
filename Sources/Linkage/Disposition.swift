/// What to do about one person found in the data.
public enum Disposition: String, CaseIterable, Hashable, Sendable {
    /// A real, living, identifiable person: write to them at the contact record.
    case notify
    /// A dummy, test or canary entry (``DummyDetector``): nobody to tell.
    case dummy
    /// Some record of the person says deceased or carries a date of death: no letter; the organisation is told.
    case deceased
    /// Too little to know who the person is: no record of theirs has a usable date of birth, NINO, postal
    /// address, e-mail or telephone number, or none has any name. Listed separately, as in 2017.
    case unidentifiable
}

/// Decides the disposition and contact record of one person from their records.
enum DispositionRules {
    /// The disposition of a cluster whose members are `members` (indices into `records`), and for ``notify`` the
    /// contact record: the most recently updated member with a usable postal address (address and postcode) or
    /// e-mail, later input order breaking ties. A person to notify may have no contact record, when only a
    /// telephone number or nothing but identifiers is known; the organisation then has to reach them.
    static func decide(_ members: [Int], records: PreparedRecords) -> (Disposition, Int?) {
        if members.allSatisfy({ records.isDummy[$0] }) { return (.dummy, nil) }
        if members.contains(where: { records.isDeceased[$0] }) { return (.deceased, nil) }
        let named = members.contains { records.surname[$0] >= 0 || records.forename[$0] >= 0 }
        let identified = members.contains { index in
            records.dateOfBirth[index] != 0 || records.nino[index] >= 0 || records.hasPostalAddress[index]
                || records.email[index] >= 0 || records.phone[index] >= 0
        }
        guard named, identified else { return (.unidentifiable, nil) }
        let contact = members.filter { records.hasPostalAddress[$0] || records.email[$0] >= 0 }
            .max { (records.updatedAt[$0], $0) < (records.updatedAt[$1], $1) }
        return (.notify, contact)
    }
}
