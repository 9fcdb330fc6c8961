import Foundation
import SeededRandom
import Testing
import Vault

@testable import BackupFormat

@Suite("Sealed chunk streams")
struct ChunkStreamTests {
    @Test(
        "any plaintext round-trips, opened whole or in arbitrary pieces",
        arguments: [0, 1, 4095, 4096, 4097, 8192, 3 * 4096 + 17, 50_000])
    func roundTrip(length: Int) throws {
        var random = SplitMix64(seed: UInt64(length) &+ 11)
        let plaintext = random.bytes(length)
        let keys = try Fixture.keys(Fixture.keyset())
        let sealed = try ChunkSealer.seal(
            plaintext, keys: keys, context: Fixture.context(), chunkSize: Fixture.chunkSize)
        // One record per full chunk, plus the final one (empty when the length is a multiple of the chunk size).
        #expect(Fixture.records(sealed).count == length / Fixture.chunkSize + 1)
        #expect(sealed.count == length + Fixture.records(sealed).count * 21)
        let whole = try ChunkOpener.open(sealed, keys: keys, context: Fixture.context(), chunkSize: Fixture.chunkSize)
        #expect(whole == plaintext)

        var opener = ChunkOpener(keys: keys, context: Fixture.context(), chunkSize: Fixture.chunkSize)
        var pieces: [UInt8] = []
        var start = 0
        while start < sealed.count {
            let end = min(sealed.count, start + Int.random(in: 1...3000, using: &random))
            pieces += try opener.open(sealed[start..<end])
            start = end
        }
        try opener.finish()
        #expect(pieces == plaintext)
    }

    @Test("the ciphertext does not contain the plaintext")
    func confidential() throws {
        let plaintext = Array(String(repeating: "Prosser Nia 1990-04-02 AB123456C ", count: 300).utf8)
        let sealed = try ChunkSealer.seal(
            plaintext, keys: try Fixture.keys(Fixture.keyset()), context: Fixture.context(), chunkSize: 4096)
        #expect(sealed.firstRange(of: Array("Prosser".utf8)) == nil)
        #expect(sealed.firstRange(of: Array("AB123456C".utf8)) == nil)
    }

    @Test("flipping any bit anywhere in a sealed file is detected")
    func everyBitFlip() throws {
        var random = SplitMix64(seed: 3)
        let keys = try Fixture.keys(Fixture.keyset())
        let sealed = try ChunkSealer.seal(random.bytes(9000), keys: keys, context: Fixture.context(), chunkSize: 4096)
        for position in 0..<sealed.count {
            var tampered = sealed
            tampered[position] ^= 1 << UInt8(position % 8)
            let error = formatError {
                try ChunkOpener.open(tampered, keys: keys, context: Fixture.context(), chunkSize: 4096)
            }
            #expect(error != nil, "a flip at byte \(position) went unnoticed")
        }
    }

    @Test("a file cut anywhere is refused; cut between chunks it is reported as truncated")
    func truncation() throws {
        let keys = try Fixture.keys(Fixture.keyset())
        var random = SplitMix64(seed: 4)
        let sealed = try ChunkSealer.seal(
            random.bytes(3 * 4096 + 5), keys: keys, context: Fixture.context(), chunkSize: 4096)
        let boundaries = Fixture.records(sealed).reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        for length in Array(stride(from: 0, to: sealed.count, by: 97)) + Array(boundaries.dropLast()) {
            let error = formatError {
                try ChunkOpener.open(Array(sealed[..<length]), keys: keys, context: Fixture.context(), chunkSize: 4096)
            }
            #expect(error != nil, "cut at \(length) went unnoticed")
        }
        for (index, boundary) in boundaries.dropLast().enumerated() {
            #expect(
                formatError {
                    try ChunkOpener.open(
                        Array(sealed[..<boundary]), keys: keys, context: Fixture.context(), chunkSize: 4096)
                } == .truncated(afterChunks: UInt64(index)))
        }
    }

    @Test("reordered, repeated or dropped chunks fail at their position")
    func reordering() throws {
        let keys = try Fixture.keys(Fixture.keyset())
        var random = SplitMix64(seed: 5)
        let records = Fixture.records(
            try ChunkSealer.seal(random.bytes(4 * 4096 + 9), keys: keys, context: Fixture.context(), chunkSize: 4096))
        #expect(records.count == 5)
        let cases: [(String, [[UInt8]], BackupFormatError)] = [
            ("swap 0 and 1", [records[1], records[0]] + records[2...], .chunkNotAuthentic(0)),
            ("swap 2 and 3", Array(records[..<2]) + [records[3], records[2], records[4]], .chunkNotAuthentic(2)),
            ("repeat 1", Array(records[..<2]) + [records[1]] + records[2...], .chunkNotAuthentic(2)),
            ("drop 2", Array(records[..<2]) + records[3...], .chunkNotAuthentic(2)),
            ("final twice", records + [records[4]], .trailingData),
        ]
        for (name, arranged, expected) in cases {
            let error = formatError {
                try ChunkOpener.open(
                    Array(arranged.joined()), keys: keys, context: Fixture.context(), chunkSize: 4096)
            }
            #expect(error == expected, "\(name): \(String(describing: error))")
        }
    }

    @Test("an earlier chunk marked final, to hide a cut tail, fails")
    func finalFlagMoved() throws {
        let keys = try Fixture.keys(Fixture.keyset())
        var random = SplitMix64(seed: 6)
        let records = Fixture.records(
            try ChunkSealer.seal(random.bytes(2 * 4096 + 1), keys: keys, context: Fixture.context(), chunkSize: 4096))
        var first = records[0]
        first[0] = 1
        #expect(
            formatError { try ChunkOpener.open(first, keys: keys, context: Fixture.context(), chunkSize: 4096) }
                == .chunkNotAuthentic(0))
    }

    @Test("chunks moved between backups, files or keys fail to authenticate")
    func swappedBetweenBackups() throws {
        let keyset = Fixture.keyset()
        let keys = try Fixture.keys(keyset)
        var random = SplitMix64(seed: 7)
        let plaintext = random.bytes(2 * 4096 + 3)
        let sealed = try ChunkSealer.seal(plaintext, keys: keys, context: Fixture.context(), chunkSize: 4096)
        let elsewhere: [(String, BackupKeys, ChunkContext)] = [
            ("another backup id", keys, Fixture.context(backup: UUID())),
            ("another file", keys, Fixture.context("database.pgdump.sealed")),
            ("another salt", try Fixture.keys(keyset, salt: [UInt8](repeating: 8, count: 32)), Fixture.context()),
            ("another root key", try Fixture.keys(Fixture.keyset()), Fixture.context()),
        ]
        for (name, otherKeys, otherContext) in elsewhere {
            #expect(
                formatError { try ChunkOpener.open(sealed, keys: otherKeys, context: otherContext, chunkSize: 4096) }
                    == .chunkNotAuthentic(0), "\(name)")
            // A chunk of the other stream spliced into this one fails at its place too.
            let other = Fixture.records(
                try ChunkSealer.seal(plaintext, keys: otherKeys, context: otherContext, chunkSize: 4096))
            var spliced = Fixture.records(sealed)
            spliced[1] = other[1]
            #expect(
                formatError {
                    try ChunkOpener.open(
                        Array(spliced.joined()), keys: keys, context: Fixture.context(), chunkSize: 4096)
                } == .chunkNotAuthentic(1), "\(name), spliced")
        }
    }

    @Test("hostile headers are refused without reading further: unknown flags, lengths past the chunk size")
    func hostileHeaders() throws {
        let keys = try Fixture.keys(Fixture.keyset())
        let cases: [[UInt8]] = [
            [2, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 16),
            [0, 0xff, 0xff, 0xff, 0xff],
            [1, 0, 0, 0x10, 0x01],
            [0, 0, 0, 0, 5] + [UInt8](repeating: 0, count: 21),
        ]
        for bytes in cases {
            #expect(
                formatError { try ChunkOpener.open(bytes, keys: keys, context: Fixture.context(), chunkSize: 4096) }
                    == .malformedChunk(0), "\(bytes.prefix(5))")
        }
        #expect(
            formatError { try ChunkOpener.open([], keys: keys, context: Fixture.context(), chunkSize: 4096) }
                == .truncated(afterChunks: 0))
    }

    @Test("the sealer refuses chunks of the wrong length and anything after the final chunk")
    func sealerMisuse() throws {
        var sealer = ChunkSealer(keys: try Fixture.keys(Fixture.keyset()), context: Fixture.context(), chunkSize: 4096)
        #expect(formatError { try sealer.seal([1, 2, 3], isFinal: false) } == .invalidChunkLength)
        #expect(
            formatError { try sealer.seal([UInt8](repeating: 0, count: 4097), isFinal: true) } == .invalidChunkLength)
        _ = try sealer.seal([1], isFinal: true)
        #expect(formatError { try sealer.seal([], isFinal: true) } == .sealedAfterFinal)
    }
}
