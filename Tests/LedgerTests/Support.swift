import Crypto
import Ledger
import SeededRandom

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and fully determined by its seed, so a failing randomised
/// case is reproduced by its printed seed.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A random-looking hash: the leaf hash of random bytes.
    mutating func hash() -> MerkleHash {
        MerkleHash.leafHash(of: bytes(16))
    }
}

extension Array where Element == UInt8 {
    /// Bytes from a hex string; test vectors only.
    init(hex: String) {
        let digits = Array(hex.utf8)
        self = stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
        }
    }

    var hex: String {
        map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}

/// The straight recursive definitions of RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1, written independently of the
/// library's iterative code so each checks the other.
enum Reference {
    static func mth(_ leaves: ArraySlice<MerkleHash>) -> MerkleHash {
        switch leaves.count {
        case 0: return .emptyTreeRoot
        case 1: return leaves[leaves.startIndex]
        default:
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            let split = leaves.startIndex + k
            return .nodeHash(left: mth(leaves[..<split]), right: mth(leaves[split...]))
        }
    }

    static func path(_ m: Int, _ leaves: ArraySlice<MerkleHash>) -> [MerkleHash] {
        guard leaves.count > 1 else { return [] }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let split = leaves.startIndex + k
        if m < k {
            return path(m, leaves[..<split]) + [mth(leaves[split...])]
        }
        return path(m - k, leaves[split...]) + [mth(leaves[..<split])]
    }

    static func subproof(_ m: Int, _ leaves: ArraySlice<MerkleHash>, _ b: Bool) -> [MerkleHash] {
        if m == leaves.count {
            return b ? [] : [mth(leaves)]
        }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let split = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[..<split], b) + [mth(leaves[split...])]
        }
        return subproof(m - k, leaves[split...], false) + [mth(leaves[..<split])]
    }
}

enum Fixture {
    /// The leaf inputs of the RFC 6962 test vectors used by transparency-dev/merkle (`testonly/constants.go`)
    /// and google/certificate-transparency.
    static let rfc6962Leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { [UInt8](hex: $0) }

    static func leafHashes(_ count: Int) -> [MerkleHash] {
        (0..<count).map { MerkleHash.leafHash(of: Array("leaf \($0)".utf8)) }
    }

    static func event(_ number: Int, subjects: Int = 2) throws -> AuditEvent {
        try AuditEvent(
            unixTimeMilliseconds: 1_767_225_600_000 + Int64(number) * 1_000,
            actor: "acct_\(number % 7)",
            role: number.isMultiple(of: 3) ? "org-lead" : "rps-admin",
            action: number.isMultiple(of: 2) ? "person.read" : "dose.record",
            subjectIDs: (0..<subjects).map { "per_\(number)_\($0)" },
            organisationID: number.isMultiple(of: 5) ? nil : "org_\(number % 4)",
            purpose: "dose-review",
            requestID: "req-\(number)",
            outcome: "success"
        )
    }

    static func entries(_ count: Int) throws -> [LedgerEntry] {
        try (0..<count).map { LedgerEntry(index: UInt64($0), event: try event($0)) }
    }

    static func signer(seed: UInt64, name: String = "sievert.example/ledger") throws -> CheckpointSigner {
        var generator = SeededGenerator(seed: seed)
        return try CheckpointSigner(
            keyName: name,
            privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: generator.bytes(32))
        )
    }
}
