import DoseCore
import Foundation
import Interchange

/// How an incident's affected people are found (the breach issue's four ways).
public enum BreachScope: Sendable, Hashable {
    /// Everyone whose personal data was held in the store at any moment of the window. Without the keys the
    /// attacker holds only ciphertext: the records are affected but no field is readable.
    case storeWindow(from: Date, to: Date, keysCompromised: Bool)
    /// Exactly the people the ledger says these principals (API token ids `tok_…`, sessions `account:…`) read within the window, with
    /// the fields each read showed.
    case principals([String], from: Date, to: Date)
    /// A leaked people file (the import/export CSV), matched back to stored people by NINO and staff number blind
    /// indexes, confirmed by decryption, then by record linkage; each person's exposed fields are the columns the
    /// file holds for them.
    case peopleFile(name: String, bytes: [UInt8])
    /// A leaked lab readings file, matched by participant code: doses, plus any identity columns it carries.
    case labFile(name: String, bytes: [UInt8], dateFormat: LabDateFormat)
    /// A compromised version of an organisation's key: everyone whose data key it wraps, every field they hold.
    case organisationKey(code: String, version: UInt32)
    /// A compromised version of the root key: every organisation key it wraps, and so every field of their people.
    case rootKey(version: UInt32)

    /// The name recorded on each person row the scope finds.
    var kind: String {
        switch self {
        case .storeWindow: "store-window"
        case .principals: "principal"
        case .peopleFile, .labFile: "file"
        case .organisationKey, .rootKey: "key-version"
        }
    }

    /// A line for the decision log: what was scoped, without any file content.
    var summary: String {
        let iso = ISO8601DateFormatter()
        switch self {
        case .storeWindow(let from, let to, let keys):
            return "store window \(iso.string(from: from)) to \(iso.string(from: to)), keys "
                + (keys ? "compromised" : "not compromised")
        case .principals(let actors, let from, let to):
            return
                "principals \(actors.joined(separator: ", ")) from \(iso.string(from: from)) to \(iso.string(from: to))"
        case .peopleFile(let name, let bytes): return "leaked people file \(name) (\(bytes.count) bytes)"
        case .labFile(let name, let bytes, _): return "leaked lab file \(name) (\(bytes.count) bytes)"
        case .organisationKey(let code, let version): return "key version \(version) of organisation \(code)"
        case .rootKey(let version): return "root key version \(version)"
        }
    }
}

/// What one scope run found.
public struct ScopeOutcome: Sendable, Hashable, Codable {
    /// Person records found by this scope.
    public var records: Int
    /// Of them, records with at least one readable field.
    public var readable: Int
    /// Rows of a leaked file that matched no stored person (their people are listed as unidentifiable by the
    /// file alone; they are counted, never stored).
    public var unmatchedRows: Int
    /// Person records the incident affects in all, after this scope.
    public var totalRecords: Int
}
