import Crypto
import Foundation
import Ledger
import SeededRandom
import Testing

@Suite("Signed checkpoints")
struct CheckpointTests {
    static func checkpoint(size: UInt64 = 1_000) throws -> Checkpoint {
        try Checkpoint(
            origin: "sievert.example/ledger",
            size: size,
            root: MerkleHash.leafHash(of: Array("root \(size)".utf8)),
            unixTimeMilliseconds: 1_767_225_600_000
        )
    }

    // golang.org/x/mod/sumdb/note (note_test.go, package example): key "PeterNeumann", its verifier key, private
    // seed and the published signature over a two-line text. Ed25519 is deterministic (RFC 8032), so this pins the
    // C2SP key ID and the signature-line payload against an independent implementation.
    @Test("Key ID, verifier key and signature bytes match the Go sumdb/note reference vector")
    func goNoteVector() throws {
        let verifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
        let verifier = try CheckpointVerifier(verifierKey: verifierKey)
        #expect(verifier.keyID == 0xc74f_20a3)
        #expect(verifier.verifierKey == verifierKey)
        let seedBlob = try #require(Data(base64Encoded: "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"))
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seedBlob.dropFirst())
        #expect(privateKey.publicKey.rawRepresentation == verifier.publicKey.rawRepresentation)
        let text = Array(
            "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n".utf8
        )
        let published = try #require(
            Data(
                base64Encoded:
                    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")
        )
        #expect(Array(published.prefix(4)) == [0xc7, 0x4f, 0x20, 0xa3])
        #expect(Array(try privateKey.signature(for: text)) == Array(published.dropFirst(4)))
        #expect(verifier.publicKey.isValidSignature(published.dropFirst(4), for: text))
        let signer = try CheckpointSigner(keyName: "PeterNeumann", privateKey: privateKey)
        #expect(signer.verifier.keyID == verifier.keyID)
    }

    @Test("The note is the C2SP tlog-checkpoint text, and signing then verifying returns the checkpoint")
    func roundTrip() throws {
        let signer = try Fixture.signer(seed: 1)
        let checkpoint = try Self.checkpoint()
        let note = try signer.sign(checkpoint)
        let lines = note.noteText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 7)
        #expect(lines[0] == "sievert.example/ledger" && lines[1] == "1000" && lines[3] == "time 1767225600000")
        #expect(lines[2] == Data(checkpoint.root.bytes).base64EncodedString())
        #expect(lines[4].isEmpty && lines[5].hasPrefix("\u{2014} sievert.example/ledger ") && lines[6].isEmpty)
        #expect(try signer.verifier.verify(note) == checkpoint)
        #expect(try signer.verifier.verify(noteText: note.noteText) == checkpoint)
        #expect(try SignedCheckpoint(parsing: note.noteText) == note)
        #expect(try CheckpointVerifier(verifierKey: signer.verifier.verifierKey).keyID == signer.verifier.keyID)
    }

    @Test("Every verifier key reads back, including those whose base64 key data holds a \"+\"")
    func verifierKeysWithPlus() throws {
        var withPlus = 0
        for seed in 0..<64 as Range<UInt64> {
            let verifier = try Fixture.signer(seed: 1000 + seed).verifier
            let text = verifier.verifierKey
            if text.split(separator: "+").count > 3 { withPlus += 1 }
            let parsed = try CheckpointVerifier(verifierKey: text)
            #expect(parsed.keyID == verifier.keyID && parsed.verifierKey == text)
        }
        // About half of all keys have a "+" among their 44 base64 characters; 64 keys surely include some.
        #expect(withPlus > 0)
        #expect(throws: LedgerError.self) { try CheckpointVerifier(verifierKey: "name+c74f20a3") }
        #expect(throws: LedgerError.self) { try CheckpointVerifier(verifierKey: "name+c74f20a3+AR+pc2Q") }
    }

    @Test("Changing any byte of the note or its signature line is rejected")
    func everyByteMatters() throws {
        let signer = try Fixture.signer(seed: 2)
        let text = Array(try signer.sign(try Self.checkpoint()).noteText.utf8)
        var probes = 0
        var accepted = 0
        for position in text.indices {
            for mask: UInt8 in [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80] {
                var changed = text
                changed[position] ^= mask
                probes += 1
                if let note = try? SignedCheckpoint(parsing: changed), (try? signer.verifier.verify(note)) != nil {
                    accepted += 1
                }
            }
        }
        print("checkpoint byte-flip probes: \(probes) run, \(accepted) accepted")
        #expect(accepted == 0)
    }

    @Test("Another key, a key ID mismatch and a forged ID under the trusted name are all rejected")
    func wrongKeys() throws {
        let trusted = try Fixture.signer(seed: 3)
        let other = try Fixture.signer(seed: 4)
        let checkpoint = try Self.checkpoint()
        let byOther = try other.sign(checkpoint)
        #expect(throws: LedgerError.noTrustedSignature) { try trusted.verifier.verify(byOther) }
        let renamed = try Fixture.signer(seed: 3, name: "sievert.example/other")
        #expect(throws: LedgerError.noTrustedSignature) { try trusted.verifier.verify(renamed.sign(checkpoint)) }

        // A signature line claiming the trusted name and ID but made by another key (a colliding ID is cheap to
        // grind, C2SP notes) must fail verification rather than be ignored.
        let genuine = try trusted.sign(checkpoint).noteText
        let forgedBlob = Data(Self.bigEndian(trusted.verifier.keyID) + byOther.signatures[0].signature)
        let forged =
            genuine.prefix(upTo: try #require(genuine.range(of: "\u{2014}")).lowerBound)
            + "\u{2014} sievert.example/ledger \(forgedBlob.base64EncodedString())\n"
        #expect(throws: LedgerError.signatureInvalid) { try trusted.verifier.verify(noteText: String(forged)) }

        // The trusted signature with its key ID changed no longer names the trusted key.
        let wrongID = Data(
            Self.bigEndian(trusted.verifier.keyID ^ 1) + (try trusted.sign(checkpoint)).signatures[0].signature)
        let relabelled =
            genuine.prefix(upTo: try #require(genuine.range(of: "\u{2014}")).lowerBound)
            + "\u{2014} sievert.example/ledger \(wrongID.base64EncodedString())\n"
        #expect(throws: LedgerError.noTrustedSignature) { try trusted.verifier.verify(noteText: String(relabelled)) }

        // Unknown signatures beside the trusted one are ignored, as C2SP requires.
        let cosigned =
            genuine
            + "\u{2014} witness.example/w1 \(Data(Self.bigEndian(7) + [UInt8](repeating: 9, count: 64)).base64EncodedString())\n"
        #expect(try trusted.verifier.verify(noteText: cosigned) == checkpoint)
    }

    @Test("Malformed checkpoint texts are refused with a reason")
    func malformedNotes() throws {
        let signer = try Fixture.signer(seed: 5)
        let good = try signer.sign(try Self.checkpoint()).noteText
        let bodyEnd = try #require(good.range(of: "\n\n")).lowerBound
        let body = String(good[..<bodyEnd]) + "\n"
        let signature = String(good[good.index(bodyEnd, offsetBy: 2)...])
        let cases: [(String, String)] = [
            ("no signature block", body),
            ("leading zero size", body.replacingOccurrences(of: "\n1000\n", with: "\n01000\n") + "\n" + signature),
            ("signed size", body.replacingOccurrences(of: "\n1000\n", with: "\n+1000\n") + "\n" + signature),
            ("extra line", body + "extra\n\n" + signature),
            ("missing time", body.replacingOccurrences(of: "time ", with: "") + "\n" + signature),
            ("CRLF", good.replacingOccurrences(of: "\n", with: "\r\n")),
            ("no final newline", String(good.dropLast())),
            ("space in origin", "a b" + good.drop(while: { $0 != "\n" })),
            ("empty signature line", body + "\n\n"),
        ]
        for (name, text) in cases {
            #expect(throws: LedgerError.self, "\(name)") { try SignedCheckpoint(parsing: text) }
        }
        let oversize = String(repeating: "a", count: 20_000)
        #expect(throws: LedgerError.malformedNote("too large")) { try SignedCheckpoint(parsing: oversize) }
        #expect(throws: LedgerError.malformedCheckpoint("invalid origin")) {
            try Checkpoint(origin: "a+b", size: 0, root: .emptyTreeRoot, unixTimeMilliseconds: 0)
        }
        #expect(throws: LedgerError.invalidKeyName) { try Fixture.signer(seed: 5, name: "") }
    }

    @Test("10,000 random and mutated note texts never trap the parser, and none verifies")
    func fuzzNotes() throws {
        let signer = try Fixture.signer(seed: 6)
        let valid = Array(try signer.sign(try Self.checkpoint()).noteText.utf8)
        let alphabet = Array("sievert.example/ledger0123456789+= \n\u{2014}time".utf8)
        var generator = SeededGenerator(seed: 6)
        var verified = 0
        for round in 0..<10_000 {
            let bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = generator.bytes(Int.random(in: 0...400, using: &generator))
            case 1:
                bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                }
            default:
                var mutated = valid
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<mutated.count, using: &generator)
                    if Bool.random(using: &generator) {
                        mutated[position] = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    } else {
                        mutated.remove(at: position)
                    }
                }
                bytes = mutated
            }
            if let note = try? SignedCheckpoint(parsing: bytes), bytes != valid,
                (try? signer.verifier.verify(note)) != nil
            {
                verified += 1
            }
        }
        #expect(verified == 0)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
