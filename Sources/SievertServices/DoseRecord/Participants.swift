import DoseCore
import Foundation
import SievertStorage

/// Participant codes: the only name the lab knows a dose record by. Random (40 bits in Crockford base32),
/// never derived from identity, one per employment, made on first use.
public struct Participants: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// The participant code of each employment of the person, creating missing ones. `code`, when given, adopts
    /// an existing code (a record moving from another dosimetry service) for the person's only employment.
    public func codes(for personID: PersonID, adopting code: String? = nil, by caller: Caller) async throws
        -> [EmploymentID: String]
    {
        try people.requireManager(caller)
        let loaded = try await people.load(personID, caller: caller)
        let existing = try await store.participants(of: loaded.person.organisationID, scope: caller.scope)
        var codes = Dictionary(
            existing.filter { $0.personID == personID }.map { ($0.employmentID, $0.code) },
            uniquingKeysWith: { a, _ in a })
        var changes = ChangeSet()
        let now = clock()
        for employment in loaded.employments where codes[employment.id] == nil {
            var chosen = Self.generate()
            if let code {
                guard loaded.employments.count == 1 else {
                    throw ServiceError.invalid(field: "code", "the person has several records; give each its own")
                }
                chosen = code.uppercased()
                guard chosen.utf8.count <= 32, chosen.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                    throw ServiceError.invalid(field: "code", "must be 1 to 32 printable characters")
                }
            }
            codes[employment.id] = chosen
            changes.newParticipants.append(
                ParticipantRow(
                    code: chosen, organisationID: loaded.person.organisationID, employmentID: employment.id,
                    personID: personID, createdAt: now))
        }
        guard !changes.newParticipants.isEmpty else { return codes }
        changes.auditEvents = [
            AuditTrail.event(
                caller, "participant.assign", subject: personID.description, organisation: loaded.person.organisationID,
                purpose: "dosimetry", at: now)
        ]
        do {
            try await store.apply(changes, scope: caller.scope)
        } catch let error as StoreError where error.isConflict {
            throw ServiceError.conflict("that participant code is already in use")
        }
        return codes
    }

    static func generate() -> String {
        String(SecretToken.generate(prefix: "").prefix(8))
    }
}
