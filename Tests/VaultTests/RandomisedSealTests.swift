import Crypto
import SeededRandom
import Testing

@testable import Vault

/// 10,240 seeded cases: every one round-trips unmutated, and five mutations of each (bit flip, truncation,
/// extension, moved binding, other key) are all rejected. Split in chunks so Swift Testing runs them in parallel;
/// each failure names the seed and case that reproduce it.
@Suite("Randomised sealing")
struct RandomisedSealTests {
    static let chunks = 8
    static let casesPerChunk = 1_280

    @Test("Random cases round-trip and every mutation is rejected", arguments: 0..<chunks)
    func randomised(chunk: Int) throws {
        let seed = 0x5EA1_0000 + UInt64(chunk)
        var rng = SeededGenerator(seed: seed)
        for index in 0..<Self.casesPerChunk {
            try runCase(&rng, context: "seed \(seed) case \(index)")
        }
    }

    private func runCase(_ rng: inout SeededGenerator, context: Comment) throws {
        // setup: all inputs, keys and nonces drawn from the seeded generator
        let versions = (1...UInt32.random(in: 1...3, using: &rng)).map(KeyVersion.init(rawValue:))
        let primary = versions[Int.random(in: 0..<versions.count, using: &rng)]
        let keyset = try Keyset(
            primary: primary,
            keys: Dictionary(uniqueKeysWithValues: versions.map { ($0, rng.key()) })
        )
        let sealer = Sealer(keyset: keyset)
        let plaintext = rng.bytes(Int.random(in: 0...2048, using: &rng))
        let binding = rng.associatedData()
        let envelope = try sealer.seal(plaintext, binding: binding, nonce: rng.nonce())

        // validate: the unmutated case round-trips
        #expect(try sealer.open(envelope, binding: binding) == plaintext, context)

        // bit flip anywhere
        var flipped = envelope
        let bit = Int.random(in: 0..<(envelope.count * 8), using: &rng)
        flipped[bit / 8] ^= 1 << (bit % 8)
        expectRejected(flipped, sealer, binding, context, "bit flip \(bit)")

        // truncation to any shorter length, including empty
        let kept = Int.random(in: 0..<envelope.count, using: &rng)
        expectRejected(Array(envelope.prefix(kept)), sealer, binding, context, "truncated to \(kept)")

        // extension by 1–32 random bytes
        let extended = envelope + rng.bytes(Int.random(in: 1...32, using: &rng))
        expectRejected(extended, sealer, binding, context, "extended")

        // moved: one component changed, or a boundary between two shifted
        expectRejected(envelope, sealer, mutate(binding, &rng), context, "binding changed")

        // other key: same versions, different material
        let otherKeyset = try Keyset(
            primary: primary,
            keys: Dictionary(uniqueKeysWithValues: versions.map { ($0, rng.key()) })
        )
        expectRejected(envelope, Sealer(keyset: otherKeyset), binding, context, "other key")
    }

    private func expectRejected(
        _ bytes: [UInt8],
        _ sealer: Sealer,
        _ binding: AssociatedData,
        _ context: Comment,
        _ mutation: String
    ) {
        let error = vaultError { try sealer.open(bytes, binding: binding) }
        #expect(error != nil, "\(context): \(mutation) opened")
    }

    private func mutate(_ binding: AssociatedData, _ rng: inout SeededGenerator) -> AssociatedData {
        var parts = [binding.organisation, binding.table, binding.column, binding.row]
        let target = Int.random(in: 0..<4, using: &rng)
        if Bool.random(using: &rng), target < 3, !parts[target].isEmpty {
            // Move the last character of one component to the front of the next: same concatenation.
            let moved = parts[target].removeLast()
            parts[target + 1].insert(moved, at: parts[target + 1].startIndex)
        } else {
            var replacement = rng.text()
            while replacement == parts[target] { replacement += "x" }
            parts[target] = replacement
        }
        return AssociatedData(organisation: parts[0], table: parts[1], column: parts[2], row: parts[3])
    }
}
