import Foundation

/// A record of a passbook file: the holder, an entry by number, or the seal.
public enum PassbookRecord: Sendable, Hashable, CustomStringConvertible {
    /// The first record: who the passbook belongs to.
    case holder
    /// Entry `number`, counting from 1 in file order.
    case entry(Int)
    /// The last record: the entry count and the time of issue.
    case seal

    /// `holder`, `entry N` or `seal`.
    public var description: String {
        switch self {
        case .holder: "holder"
        case .entry(let number): "entry \(number)"
        case .seal: "seal"
        }
    }
}

/// What ``PassbookVerifier`` found, for one record or for the whole file (the first failing record, in file
/// order).
public enum PassbookVerdict: Sendable, Hashable, CustomStringConvertible {
    /// Every signature is from the trusted key and verifies, and every link holds.
    case ok
    /// The record is signed by another key (`keyID`): another service, or a forgery.
    case unknownKey(PassbookRecord, line: Int, keyID: UInt32)
    /// The record names the trusted key but its signature does not verify: it was changed after signing.
    case badSignature(PassbookRecord, line: Int)
    /// The record is genuine but not where it was signed to be: an entry before it was removed, changed places or
    /// was inserted, or entries were cut off before the seal.
    case brokenChain(PassbookRecord, line: Int)
    /// The file is not a passbook in this format.
    case malformed(line: Int, reason: String)

    /// True only for ``ok``.
    public var isOK: Bool { self == .ok }

    /// The line at fault, for anything but ``ok``.
    public var line: Int? {
        switch self {
        case .ok: nil
        case .unknownKey(_, let line, _), .badSignature(_, let line), .brokenChain(_, let line),
            .malformed(let line, _):
            line
        }
    }

    /// What is wrong, without the line number: `entry 3: the signature does not verify …`.
    public var reason: String {
        switch self {
        case .ok:
            "ok"
        case .unknownKey(let record, _, let keyID):
            "\(record): signed by key \(PassbookVerifier.keyIDText(keyID)), not the trusted key"
        case .badSignature(let record, _):
            "\(record): the signature does not verify (changed after signing)"
        case .brokenChain(let record, _):
            "\(record): broken chain (an entry removed, reordered, duplicated or inserted before it)"
        case .malformed(_, let reason):
            "malformed: \(reason)"
        }
    }

    /// `line N: reason`, or `ok`.
    public var description: String {
        line.map { "line \($0): \(reason)" } ?? reason
    }
}

/// The verdict on one record.
public struct PassbookRecordCheck: Sendable, Hashable {
    /// Which record.
    public let record: PassbookRecord
    /// ``PassbookVerdict/ok`` or what is wrong with this record.
    public let verdict: PassbookVerdict
}

/// Everything ``PassbookVerifier`` found in one file.
public struct PassbookVerification: Sendable, Hashable {
    /// The first failure in file order, or ``PassbookVerdict/ok``.
    public let verdict: PassbookVerdict
    /// One check per record in file order: holder, entries, seal. Empty when the file is malformed.
    public let records: [PassbookRecordCheck]
    /// The verified contents, only when ``verdict`` is ``PassbookVerdict/ok``.
    public let passbook: VerifiedPassbook?
}

/// A passbook's contents once every signature and link has been checked against the trusted key.
public struct VerifiedPassbook: Sendable, Hashable {
    /// Who it belongs to.
    public let holder: PassbookHolder
    /// The entries, in order.
    public let entries: [PassbookEntry]
    /// When the service sealed this copy.
    public let sealedAt: Date
    /// The key that signed it.
    public let keyID: UInt32
}
