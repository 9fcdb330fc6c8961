import DoseCore
import SievertStorage
import Vault

extension KeyRotation {
    /// What ``verify(by:)`` opened.
    public struct Verification: Sendable, Hashable, Codable {
        /// Organisation key versions and person data keys unwrapped.
        public var keys: Int
        /// Values sealed directly under organisation keys opened.
        public var values: Int
        /// What could not be opened, as `organisation code / kind / row id`: nothing personal.
        public var failures: [String]
    }

    /// Unwraps every organisation keyset and person data key and opens every value sealed under an organisation
    /// key, as after a rotation: the proof that everything still decrypts. Values under people's data keys are
    /// opened by the reads that use them; a data key that unwraps opens them.
    public func verify(by caller: Caller) async throws -> Verification {
        try Self.requireOperator(caller)
        var result = Verification(keys: 0, values: 0, failures: [])
        for organisation in try await store.organisations(scope: caller.scope) {
            let rows = try await store.organisationKeys(of: organisation.id, scope: caller.scope)
            let keyset: Keyset
            do {
                keyset = try keys.unwrapOrganisationKeyset(rows, organisation: organisation.id)
                result.keys += rows.count
            } catch {
                result.failures.append("\(organisation.code) / organisation_keys / \(organisation.id)")
                continue
            }
            var after: PersonID?
            while true {
                let page = try await store.personKeys(
                    of: organisation.id, notWrappedUnder: 0, after: after, limit: Self.batchSize, scope: caller.scope)
                guard let last = page.last else { break }
                for row in page {
                    do {
                        _ = try KeyWrap.unwrapDataKey(
                            row.key.wrapped, with: keyset,
                            context: KeyService.personKeyContext(organisation.id, row.personID))
                        result.keys += 1
                    } catch {
                        result.failures.append("\(organisation.code) / person_keys / \(row.personID)")
                    }
                }
                after = last.personID
            }
            let sealer = Sealer(keyset: keyset)
            for column in OrganisationSealedColumn.allCases {
                var afterRow: String?
                while true {
                    let page = try await store.sealedValues(
                        column, of: organisation.id, notUnder: 0, after: afterRow, limit: Self.batchSize,
                        scope: caller.scope)
                    guard let last = page.last else { break }
                    for value in page {
                        do {
                            _ = try sealer.open(value.bytes, binding: KeyService.sealedValueContext(column, value))
                            result.values += 1
                        } catch {
                            result.failures.append("\(organisation.code) / \(column.rawValue) / \(value.rowID)")
                        }
                    }
                    afterRow = last.rowID
                }
            }
        }
        return result
    }
}
