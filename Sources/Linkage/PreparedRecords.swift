/// The records of one run normalised once, column by column, with every value interned in one ``ValueTable``:
/// the form blocking, comparison and clustering read. `-1` marks a missing value, `0` a missing date.
struct PreparedRecords: Sendable {
    var table = ValueTable()
    /// The table's values as bytes, for pair comparison; set once every value is interned.
    var values = ValueBytes(ValueTable())
    var count = 0
    var forename: [Int32] = []
    var secondForename: [Int32] = []
    var surname: [Int32] = []
    /// The first and last word of a surname of several words (`-1` otherwise), for double-barrelled names.
    var surnameFirstPart: [Int32] = []
    var surnameLastPart: [Int32] = []
    var dateOfBirth: [Int32] = []
    var sex: [Int8] = []
    var nino: [Int32] = []
    var staffNumber: [Int32] = []
    var organisation: [Int32] = []
    var postcode: [Int32] = []
    var address: [Int32] = []
    var email: [Int32] = []
    var phone: [Int32] = []
    var findings: [DummyFindings] = []
    var isDummy: [Bool] = []
    var isDeceased: [Bool] = []
    var hasPostalAddress: [Bool] = []
    var updatedAt: [Int64] = []

    /// The fields pair comparison reads, one record per element: a candidate pair touches two records at random,
    /// and reading one cache line per record is far cheaper than one per column.
    var compact: [CompactRecord] = []

    /// By value id: how many records have it as first forename, and as surname.
    var forenameFrequency: [Int32] = []
    var surnameFrequency: [Int32] = []
    /// By value id: the address's words, for addresses only.
    var addressWords: [[[UInt8]]] = []
    /// By value id: the interned formal names a forename may stand for (``Nicknames``), sorted.
    var nicknameGroups: [[Int32]] = []
    /// By value id: the initials a forename may be filed under: its own, and those of its formal names and of the
    /// nicknames of those (`liz` → l, e; `elizabeth` → e, l, b), so blocking on an initial survives a nickname.
    var forenameInitials: [[UInt8]] = []

    init(_ records: [LinkageRecord], detector: DummyDetector, threads: Int) {
        count = records.count
        let normalised = ParallelMap.map(count: records.count, threads: threads) {
            NormalisedRecord(records[$0], detector: detector)
        }
        reserve(records.count)
        for record in normalised { append(record) }
        finish()
    }

    // Interning is the serial part of preparing: sized up front, the columns and the table are never copied to
    // grow, nor the table's hash index rebuilt.
    private mutating func reserve(_ count: Int) {
        table.reserveCapacity(values: count * 6, bytes: count * 80)
        for index in [
            \Self.forename, \.secondForename, \.surname, \.surnameFirstPart, \.surnameLastPart, \.nino,
            \.staffNumber, \.organisation, \.postcode, \.address, \.email, \.phone, \.dateOfBirth,
        ] {
            self[keyPath: index].reserveCapacity(count)
        }
        sex.reserveCapacity(count)
        findings.reserveCapacity(count)
        isDummy.reserveCapacity(count)
        isDeceased.reserveCapacity(count)
        hasPostalAddress.reserveCapacity(count)
        updatedAt.reserveCapacity(count)
    }

    private mutating func append(_ record: NormalisedRecord) {
        findings.append(record.findings)
        isDummy.append(record.isDummy)
        forename.append(table.id(record.forename))
        secondForename.append(table.id(record.secondForename))
        surname.append(table.id(record.surname))
        surnameFirstPart.append(table.id(record.surnameFirstPart))
        surnameLastPart.append(table.id(record.surnameLastPart))
        dateOfBirth.append(record.dateOfBirth)
        sex.append(record.sex)
        nino.append(table.id(record.nino))
        staffNumber.append(table.id(record.staffNumber))
        organisation.append(table.id(record.organisation))
        postcode.append(table.id(record.postcode))
        address.append(table.id(record.address))
        email.append(table.id(record.email))
        phone.append(table.id(record.phone))
        isDeceased.append(record.isDeceased)
        hasPostalAddress.append(record.address != nil && record.postcode != nil)
        updatedAt.append(record.updatedAt)
    }

    private mutating func finish() {
        compact = (0..<count).map { index in
            CompactRecord(
                forename: forename[index], secondForename: secondForename[index], surname: surname[index],
                surnameFirstPart: surnameFirstPart[index], surnameLastPart: surnameLastPart[index],
                dateOfBirth: dateOfBirth[index], nino: nino[index], staffNumber: staffNumber[index],
                organisation: organisation[index], postcode: postcode[index], address: address[index],
                email: email[index], phone: phone[index], sex: sex[index])
        }
        // Nickname groups are interned after the records so the table's ids for record values stay dense.
        var groupsByName: [Int32: [Int32]] = [:]
        for id in Set(forename + secondForename) where id >= 0 {
            let formal = Nicknames.formalNames(for: table.string(id))
            if formal.isEmpty { continue }
            groupsByName[id] = (formal.map { table.id($0) } + [id]).sorted()
        }
        forenameFrequency = [Int32](repeating: 0, count: table.count)
        surnameFrequency = [Int32](repeating: 0, count: table.count)
        for index in 0..<count where !isDummy[index] {
            if forename[index] >= 0 { forenameFrequency[Int(forename[index])] += 1 }
            if surname[index] >= 0 { surnameFrequency[Int(surname[index])] += 1 }
        }
        nicknameGroups = [[Int32]](repeating: [], count: table.count)
        for (id, groups) in groupsByName { nicknameGroups[Int(id)] = groups }
        var initialsByFormal: [String: Set<UInt8>] = [:]
        for (nickname, formal) in Nicknames.pairs {
            if let initial = nickname.utf8.first { initialsByFormal[formal, default: []].insert(initial) }
            if let initial = formal.utf8.first { initialsByFormal[formal, default: []].insert(initial) }
        }
        forenameInitials = [[UInt8]](repeating: [], count: table.count)
        for id in Set(forename + surname + surnameFirstPart) where id >= 0 {
            let name = table.string(id)
            var initials = Set(table.bytes(id).prefix(1))
            for formal in Nicknames.formalNames(for: name).union([name]) {
                initials.formUnion(initialsByFormal[formal] ?? [])
            }
            forenameInitials[Int(id)] = initials.sorted()
        }
        addressWords = [[[UInt8]]](repeating: [], count: table.count)
        for id in Set(address) where id >= 0 {
            addressWords[Int(id)] = table.bytes(id).split(separator: UInt8(ascii: " ")).map { Array($0) }
        }
        values = ValueBytes(table)
    }

    /// The date of birth of record `index`, if usable.
    func date(_ index: Int) -> LinkageDate? {
        dateOfBirth[index] == 0 ? nil : LinkageDate(packed: dateOfBirth[index])
    }

    /// Whether the forenames with ids `a` and `b` share a formal name.
    func areNicknames(_ a: Int32, _ b: Int32) -> Bool {
        let left = nicknameGroups[Int(a)]
        let right = nicknameGroups[Int(b)]
        guard !left.isEmpty, !right.isEmpty else {
            // A formal name has no group of its own unless it is also someone's nickname.
            return (!left.isEmpty && left.contains(b)) || (!right.isEmpty && right.contains(a))
        }
        var i = 0
        var j = 0
        while i < left.count, j < right.count {
            if left[i] == right[j] { return true }
            if left[i] < right[j] { i += 1 } else { j += 1 }
        }
        return false
    }
}

/// One record's comparison fields in 53 bytes.
struct CompactRecord: Sendable {
    var forename: Int32
    var secondForename: Int32
    var surname: Int32
    var surnameFirstPart: Int32
    var surnameLastPart: Int32
    var dateOfBirth: Int32
    var nino: Int32
    var staffNumber: Int32
    var organisation: Int32
    var postcode: Int32
    var address: Int32
    var email: Int32
    var phone: Int32
    var sex: Int8
}
