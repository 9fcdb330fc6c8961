import Ledger
import SeededRandom
import Testing

@Suite("Proof encoding")
struct ProofEncodingTests {
    @Test("The inclusion proof layout is version, kind, index, size, count, hashes")
    func inclusionLayout() throws {
        let leaves = Fixture.leafHashes(5)
        let proof = try leaves.inclusionProof(leafIndex: 2, treeSize: 5)
        let bytes = proof.encodedBytes
        #expect(Array(bytes.prefix(19)) == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 5, 3])
        #expect(bytes.count == 19 + 3 * 32)
        #expect(Array(bytes[19..<51]) == proof.hashes[0].bytes)
    }

    @Test("The consistency proof layout is version, kind, old size, new size, count, hashes")
    func consistencyLayout() throws {
        let proof = try Fixture.leafHashes(300).consistencyProof(from: 257, to: 300)
        let bytes = proof.encodedBytes
        #expect(
            Array(bytes.prefix(19)) == [
                1, 2, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 44, UInt8(proof.hashes.count),
            ])
        #expect(try ConsistencyProof(decoding: bytes) == proof)
    }

    @Test("Decoders reject wrong kinds, versions, counts, sizes and lengths with a reason")
    func strictRejections() throws {
        let inclusion = try Fixture.leafHashes(8).inclusionProof(leafIndex: 3, treeSize: 8).encodedBytes
        #expect(throws: LedgerError.malformedProof("wrong proof kind")) { try ConsistencyProof(decoding: inclusion) }
        var version2 = inclusion
        version2[0] = 2
        #expect(throws: LedgerError.unsupportedVersion) { try InclusionProof(decoding: version2) }
        #expect(throws: LedgerError.malformedProof("empty")) { try InclusionProof(decoding: []) }
        var indexAtSize = inclusion
        indexAtSize[9] = 8
        #expect(throws: LedgerError.malformedProof("leaf index not below tree size")) {
            try InclusionProof(decoding: indexAtSize)
        }
        var fewer = inclusion
        fewer[18] = 2
        #expect(throws: LedgerError.malformedProof("wrong number of hashes for the sizes")) {
            try InclusionProof(decoding: fewer)
        }
        #expect(throws: LedgerError.malformedProof("length does not match the hash count")) {
            try InclusionProof(decoding: inclusion + [0])
        }
        let backwards = ConsistencyProof(oldSize: 5, newSize: 4, hashes: []).encodedBytes
        #expect(throws: LedgerError.malformedProof("old size above new size")) {
            try ConsistencyProof(decoding: backwards)
        }
        // At the largest sizes the shape arithmetic must not overflow, and exactly one hash count is valid.
        for (index, size) in [(UInt64.max - 1, UInt64.max), (0, .max), (1 << 63, 1 << 63 + 1)] {
            let counts = (0...70).filter { count in
                let proof = InclusionProof(
                    leafIndex: index,
                    treeSize: size,
                    hashes: Array(repeating: .emptyTreeRoot, count: count)
                )
                return (try? InclusionProof(decoding: proof.encodedBytes)) != nil
            }
            #expect(counts.count == 1 && counts[0] <= 64, "\(index)/\(size): \(counts)")
            let consistent = (0...70).filter { count in
                let proof = ConsistencyProof(
                    oldSize: index,
                    newSize: size,
                    hashes: Array(repeating: .emptyTreeRoot, count: count)
                )
                return (try? ConsistencyProof(decoding: proof.encodedBytes)) != nil
            }
            #expect(consistent.count == 1 && consistent[0] <= 65, "\(index) → \(size): \(consistent)")
        }
    }

    @Test("10,000 random byte strings and 10,000 mutated encodings never trap either decoder")
    func fuzzDecoders() throws {
        var generator = SeededGenerator(seed: 1_000)
        let valid = [
            try Fixture.leafHashes(40).inclusionProof(leafIndex: 17, treeSize: 40).encodedBytes,
            try Fixture.leafHashes(40).consistencyProof(from: 13, to: 40).encodedBytes,
        ]
        var accepted = 0
        for round in 0..<10_000 {
            var bytes = generator.bytes(Int.random(in: 0...300, using: &generator))
            if round.isMultiple(of: 2), bytes.count >= 2 {
                // Plausible headers reach the deeper checks.
                bytes[0] = 1
                bytes[1] = UInt8.random(in: 1...2, using: &generator)
            }
            accepted += (try? InclusionProof(decoding: bytes)) == nil ? 0 : 1
            accepted += (try? ConsistencyProof(decoding: bytes)) == nil ? 0 : 1

            var mutated = valid[round % 2]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[position] ^= UInt8.random(in: 1...255, using: &generator)
                case 1: mutated.remove(at: position)
                default: mutated.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
            }
            if let proof = try? InclusionProof(decoding: mutated) {
                // Anything a mutation leaves decodable must re-encode to the same bytes: one spelling per proof.
                #expect(proof.encodedBytes == mutated)
            }
            if let proof = try? ConsistencyProof(decoding: mutated) {
                #expect(proof.encodedBytes == mutated)
            }
        }
        // Random bytes essentially never form a proof whose count matches its sizes exactly.
        #expect(accepted < 10)
    }
}
