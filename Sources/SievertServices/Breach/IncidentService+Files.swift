import DoseCore
import Foundation
import Interchange
import Linkage
import SievertStorage
import Vault

extension IncidentService {
    /// (c) A leaked people file: each row is matched to stored records by NINO blind index (same organisation
    /// first), then by staff number at the row's organisation, each confirmed by decryption; rows left over are
    /// linked by the cleanse's record linkage against the people of the organisations the file names. Returns the
    /// records found with the columns the file holds for them, and the rows that matched no one.
    func matchPeopleFile(_ bytes: [UInt8], caller: Caller) async throws -> ([PersonID: FoundRecord], Int) {
        let rows: [LinkageRecord]
        do {
            rows = try PeopleFileCleanse.records(bytes)
        } catch {
            throw ServiceError.invalid(error.problems.prefix(100).map(Self.validation))
        }
        var organisationsByCode: [String: OrganisationRow] = [:]
        for organisation in try await store.organisations(scope: caller.scope) {
            organisationsByCode[organisation.code] = organisation
        }
        var opened = OpenedPeople(service: self, caller: caller)
        var found: [PersonID: FoundRecord] = [:]
        var leftOver: [Int] = []
        for (index, row) in rows.enumerated() {
            let organisation = organisationsByCode[row.organisation.uppercased()]
            var matches = try await matchByNINO(row, preferring: organisation?.id, opened: &opened)
            if matches.isEmpty, let organisation, let staffNumber = row.staffNumber {
                matches = try await matchByStaffNumber(staffNumber, at: organisation.id, opened: &opened)
            }
            if matches.isEmpty { leftOver.append(index) }
            for record in matches {
                found[record.person.id, default: FoundRecord(organisation: record.person.organisationID, fields: [])]
                    .fields.formUnion(row.carriedFields)
            }
        }
        var unmatched = 0
        if !leftOver.isEmpty {
            let named = Set(leftOver.compactMap { organisationsByCode[rows[$0].organisation.uppercased()]?.id })
            let candidates = named.isEmpty ? Array(organisationsByCode.values.map(\.id)) : Array(named)
            let stored = try await opened.everyone(of: candidates)
            let fileRows = leftOver.map { index in
                var row = rows[index]
                row.recordID = "file:\(index)"
                return row
            }
            let result = Cleanse.run(stored.map(\.linkage) + fileRows)
            var storedByCluster: [String: [Int]] = [:]
            for (index, outcome) in result.outcomes.prefix(stored.count).enumerated() {
                storedByCluster[outcome.personID, default: []].append(index)
            }
            for (offset, outcome) in result.outcomes.suffix(fileRows.count).enumerated() {
                let row = fileRows[offset]
                let members = storedByCluster[outcome.personID] ?? []
                let sameOrganisation = members.filter {
                    stored[$0].linkage.organisation == row.organisation.uppercased()
                }
                let chosen = sameOrganisation.isEmpty ? members : sameOrganisation
                if chosen.isEmpty { unmatched += 1 }
                for index in chosen {
                    let record = stored[index].record
                    found[
                        record.person.id, default: FoundRecord(organisation: record.person.organisationID, fields: [])
                    ]
                    .fields.formUnion(row.carriedFields)
                }
            }
        }
        try await opened.audit()
        return (found, unmatched)
    }

    private func matchByNINO(_ row: LinkageRecord, preferring organisation: OrganisationID?, opened: inout OpenedPeople)
        async throws -> [PersonRecord]
    {
        guard let raw = row.nino, let nino = try? NINO(parsing: raw) else { return [] }
        // The NINO index is global (one person's records at several employers link), so no organisation key is needed.
        let index = try keys.ninoIndex(nino)
        var confirmed: [PersonRecord] = []
        for record in try await store.people(withNINOIndex: index, scope: opened.caller.scope)
        where try await opened.open(record).person.identity.nino == nino {
            confirmed.append(record)
        }
        let same = confirmed.filter { $0.person.organisationID == organisation }
        return same.isEmpty ? confirmed : same
    }

    private func matchByStaffNumber(_ staffNumber: String, at organisation: OrganisationID, opened: inout OpenedPeople)
        async throws -> [PersonRecord]
    {
        let codec = try await people.codec(for: organisation, caller: opened.caller)
        let index = try codec.staffIndex(staffNumber)
        let ids = try await store.matchKeys(of: organisation, scope: opened.caller.scope)
            .filter { $0.staffIndexes.contains(index) }.map(\.personID)
        var confirmed: [PersonRecord] = []
        for record in try await store.people(ids: ids, scope: opened.caller.scope)
        where try await opened.open(record).employments.contains(where: { $0.staffNumber == staffNumber }) {
            confirmed.append(record)
        }
        return confirmed
    }

    /// (c) A leaked lab file: readings name participant codes, which lead to the employment and its person.
    /// Doses are exposed, and a name or date of birth when the file carries them.
    func matchLabFile(_ bytes: [UInt8], dateFormat: LabDateFormat, caller: Caller) async throws
        -> ([PersonID: FoundRecord], Int)
    {
        let parsed = LabReadingsCSV.parse(bytes, dateFormat: dateFormat, maxErrors: 100)
        guard parsed.isValid else { throw ServiceError.invalid(parsed.problems.map(Self.validation)) }
        var participants: [String: ParticipantRow] = [:]
        for organisation in try await store.organisations(scope: caller.scope) {
            for participant in try await store.participants(of: organisation.id, scope: caller.scope) {
                participants[participant.code] = participant
            }
        }
        var found: [PersonID: FoundRecord] = [:]
        var unmatched = 0
        for reading in parsed.readings {
            guard let code = reading.participantCode else { continue }
            guard let participant = participants[code] else {
                unmatched += 1
                continue
            }
            var fields: Set<PersonalField> = [.dose]
            if reading.identity?.name != nil { fields.insert(.name) }
            if reading.identity?.dateOfBirth != nil { fields.insert(.dateOfBirth) }
            found[participant.personID, default: FoundRecord(organisation: participant.organisationID, fields: [])]
                .fields.formUnion(fields)
        }
        return (found, unmatched)
    }

    static func validation(_ problem: CSVProblem) -> ValidationError {
        ValidationError(field: problem.location, reason: problem.reason)
    }
}

/// People decrypted during one use case, each opened once and each read audited once at the end.
struct OpenedPeople {
    struct Opened {
        var record: PersonRecord
        var person: Person
        var employments: [Employment]
        var linkage: LinkageRecord
    }

    let service: IncidentService
    let caller: Caller
    private var opened: [PersonID: Opened] = [:]
    /// The people of each organisation with any dose recorded, once looked up.
    var dosed: [OrganisationID: Set<PersonID>] = [:]
    private var codes: [OrganisationID: String] = [:]

    init(service: IncidentService, caller: Caller) {
        self.service = service
        self.caller = caller
    }

    mutating func open(_ record: PersonRecord) async throws -> Opened {
        if let done = opened[record.person.id] { return done }
        let organisation = record.person.organisationID
        if codes[organisation] == nil {
            codes[organisation] =
                try await service.store.organisation(id: organisation, scope: caller.scope)?.code ?? ""
        }
        let (person, employments) = try await service.people.codec(for: organisation, caller: caller).open(record)
        let result = Opened(
            record: record, person: person, employments: employments,
            linkage: LinkageRecord(person, employments: employments, organisationCode: codes[organisation] ?? ""))
        opened[record.person.id] = result
        return result
    }

    /// Every person of the organisations (canaries included: the linkage marks them as dummies), opened.
    mutating func everyone(of organisations: [OrganisationID]) async throws -> [Opened] {
        var all: [Opened] = []
        for organisation in organisations.sorted() {
            try await service.store.forEachPeoplePage(
                of: organisation, includeCanaries: true, scope: caller.scope
            ) { page in
                for record in page { all.append(try await open(record)) }
            }
        }
        return all
    }

    /// Appends one read event per person opened.
    func audit() async throws {
        try await service.people.audit(
            caller, "person.read", people: opened.values.map(\.record.person).sorted { $0.id < $1.id },
            purpose: "breach-response")
    }
}
