import Crypto
import Foundation
import Passbook
import SeededRandom
import Testing

/// Probes in the style of transparency-dev's verifier tests: take a genuine passbook, change it the ways a holder
/// or forger might, and count how many changed files still verify. Every count of accepted files must be zero;
/// no change is an allowed no-op (not even whitespace).
@Suite("Passbook tamper probes")
struct TamperProbeTests {
    struct Tally: CustomStringConvertible {
        var probes = 0
        var accepted: [String] = []

        mutating func record(_ verdict: PassbookVerdict, _ what: @autoclosure () -> String) {
            probes += 1
            if verdict.isOK {
                accepted.append(what())
            }
        }

        var description: String { "\(probes) probes, \(accepted.count) accepted \(accepted.prefix(5))" }
    }

    static func verdict(_ verifier: PassbookVerifier, _ text: String) -> PassbookVerdict {
        verifier.verify(bytes: Array(text.utf8)).verdict
    }

    // One case per bit position, so the ~11,000 probes (each a parse and up to four Ed25519 verifications) run in
    // parallel.
    @Test("Every single-bit change of every byte of a small passbook is rejected", arguments: 0..<8)
    func bitFlips(bit: Int) throws {
        let (signer, passbook) = try Fixture.passbook(entries: 2)
        let bytes = Array(passbook.text.utf8)
        var tally = Tally()
        for offset in bytes.indices {
            var changed = bytes
            changed[offset] ^= 1 << UInt8(bit)
            tally.record(signer.verifier.verify(bytes: changed).verdict, "byte \(offset) bit \(bit)")
        }
        #expect(tally.probes == bytes.count)
        #expect(tally.accepted.isEmpty, "\(tally)")
    }

    @Test("Every truncation, including at a record boundary, is rejected")
    func truncations() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 3)
        let bytes = Array(passbook.text.utf8)
        var tally = Tally()
        for length in 0..<bytes.count {
            tally.record(signer.verifier.verify(bytes: bytes.prefix(length)).verdict, "first \(length) bytes")
        }
        #expect(tally.probes == bytes.count)
        #expect(tally.accepted.isEmpty, "\(tally)")
    }

    @Test("Every record removed, every pair of entries swapped, every entry duplicated or moved: all rejected")
    func reordering() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 4)
        let records = passbook.text.records
        #expect(records.count == 6)
        var tally = Tally()
        var removedLast: PassbookVerdict?
        for index in records.indices {
            var removed = records
            removed.remove(at: index)
            let verdict = Self.verdict(signer.verifier, .file(removed))
            tally.record(verdict, "record \(index) removed")
            if index == 4 { removedLast = verdict }
        }
        // Cutting the last entry off leaves a genuine chain; only the seal gives it away.
        #expect(removedLast == .brokenChain(.seal, line: 11 + 3 * 16))
        let entries = 1...4
        for first in entries {
            for second in entries where second > first {
                var swapped = records
                swapped.swapAt(first, second)
                tally.record(Self.verdict(signer.verifier, .file(swapped)), "entries \(first) and \(second) swapped")
            }
        }
        for index in entries {
            for position in 1...5 {
                var duplicated = records
                duplicated.insert(records[index], at: position)
                tally.record(
                    Self.verdict(signer.verifier, .file(duplicated)), "entry \(index) duplicated at \(position)")
                var moved = records
                moved.remove(at: index)
                moved.insert(records[index], at: min(position, moved.count - 1))
                if moved != records {
                    tally.record(Self.verdict(signer.verifier, .file(moved)), "entry \(index) moved to \(position)")
                }
            }
        }
        tally.record(Self.verdict(signer.verifier, .file([records[0], records[5]])), "every entry removed")
        tally.record(Self.verdict(signer.verifier, .file(Array(records.reversed()))), "records reversed")
        #expect(tally.accepted.isEmpty, "\(tally)")
        #expect(tally.probes == 6 + 6 + 20 + 15 + 2, "\(tally)")
    }

    @Test("A removed entry, swapped entries and a duplicate are reported as a broken chain at the right entry")
    func chainVerdicts() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 4)
        let records = passbook.text.records
        var removed = records
        removed.remove(at: 2)
        // Entry 3 now stands second: it says "entry 3".
        #expect(Self.verdict(signer.verifier, .file(removed)) == .brokenChain(.entry(2), line: 27))
        var swapped = records
        swapped.swapAt(2, 3)
        #expect(Self.verdict(signer.verifier, .file(swapped)) == .brokenChain(.entry(2), line: 27))
        var duplicated = records
        duplicated.insert(records[2], at: 3)
        #expect(Self.verdict(signer.verifier, .file(duplicated)) == .brokenChain(.entry(3), line: 43))
        // Renumbered to hide the gap, the entry's signature no longer verifies.
        removed[2] = removed[2].replacingOccurrences(of: "entry 3\n", with: "entry 2\n")
        removed[4] = removed[4].replacingOccurrences(of: "seal 4\n", with: "seal 3\n")
        #expect(Self.verdict(signer.verifier, .file(removed)) == .badSignature(.entry(2), line: 41))
    }

    @Test("Every dose and total changed by 1 µSv either way is rejected as a bad signature of that entry")
    func doseChanges() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 3)
        let lines = passbook.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var tally = Tally()
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0].hasPrefix("hp") || parts[0].hasPrefix("ytd-hp"),
                let microsieverts = Int(parts[1].replacingOccurrences(of: ".", with: ""))
            else { continue }
            for delta in [-1, 1] where microsieverts + delta >= 0 {
                let changed = microsieverts + delta
                var edited = lines
                edited[index] = "\(parts[0]) \(changed / 1000).\(String(format: "%03d", changed % 1000))"
                let verdict = Self.verdict(signer.verifier, edited.joined(separator: "\n"))
                tally.record(verdict, "line \(index + 1) \(delta)")
                let entryLine = (index - 10) / 16 * 16 + 11
                switch verdict {
                case .badSignature(.entry, let line):
                    #expect(line == entryLine + 14)
                case .malformed(let line, let reason):
                    // A total pushed below the period's own dose breaks the entry's rule before any signature.
                    #expect(line == entryLine && reason.contains("year-to-date"), "\(reason)")
                default:
                    Issue.record("line \(index + 1) \(delta): \(verdict)")
                }
            }
        }
        // 17 dose lines (entry 2's Hp(3) was not monitored), each 1 µSv up and down.
        #expect(tally.probes == 34)
        #expect(tally.accepted.isEmpty, "\(tally)")
    }

    @Test("Signatures from another key are an unknown key; another key's signature under the trusted key ID is bad")
    func otherKeys() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 3)
        let (forger, forged) = try Fixture.passbook(entries: 3, signer: 2)
        var tally = Tally()
        let whole = Self.verdict(signer.verifier, forged.text)
        tally.record(whole, "re-signed under another key")
        #expect(whole == .unknownKey(.holder, line: 9, keyID: forger.verifier.keyID))
        let trustedID = PassbookVerifier.keyIDText(signer.verifier.keyID)
        let forgerID = PassbookVerifier.keyIDText(forger.verifier.keyID)
        let claimed = forged.text.replacingOccurrences(of: "signature \(forgerID) ", with: "signature \(trustedID) ")
        let verdict = Self.verdict(signer.verifier, claimed)
        tally.record(verdict, "another key's signatures under the trusted key ID")
        #expect(verdict == .badSignature(.holder, line: 9))
        let genuine = passbook.text.records
        let foreign = forged.text.records
        for index in genuine.indices {
            var mixed = genuine
            mixed[index] = foreign[index]
            tally.record(Self.verdict(signer.verifier, .file(mixed)), "record \(index) from the other signer")
            let lastLine = mixed[index].split(separator: "\n").last.map(String.init) ?? ""
            var relabelled = genuine
            relabelled[index] = genuine[index].replacingOccurrences(
                of: genuine[index].split(separator: "\n").last.map(String.init) ?? "",
                with: lastLine.replacingOccurrences(of: forgerID, with: trustedID))
            tally.record(
                Self.verdict(signer.verifier, .file(relabelled)), "record \(index) signature from the other signer")
        }
        // The forger's own verifier accepts the forgery: the verdict depends on the trusted key alone.
        #expect(Self.verdict(forger.verifier, forged.text) == .ok)
        #expect(tally.accepted.isEmpty, "\(tally)")
        #expect(tally.probes == 2 + 5 * 2)
    }

    @Test("Entries spliced from another holder's passbook by the same service are rejected")
    func splices() throws {
        let signer = try Fixture.signer(seed: 1)
        let sealedAt = Date(timeIntervalSince1970: Fixture.sealedAt)
        let mine = try signer.issue(holder: try Fixture.holder(), entries: try Fixture.entries(3), sealedAt: sealedAt)
        let theirs = try signer.issue(
            holder: try Fixture.holder(serial: "PB-000124", surname: "Bevan"), entries: try Fixture.entries(3),
            sealedAt: sealedAt)
        var tally = Tally()
        for index in 0...4 {
            var spliced = mine.text.records
            spliced[index] = theirs.text.records[index]
            tally.record(Self.verdict(signer.verifier, .file(spliced)), "record \(index) from another holder")
        }
        var appended = mine.text.records
        appended.insert(theirs.text.records[3], at: 4)
        tally.record(Self.verdict(signer.verifier, .file(appended)), "another holder's entry appended")
        #expect(tally.accepted.isEmpty, "\(tally)")
    }

    @Test("Anything appended after the seal, or inserted between records, is rejected")
    func appendedGarbage() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 2)
        let text = passbook.text
        let records = text.records
        var generator = SplitMix64(seed: 77)
        var variants: [(String, [UInt8])] = [
            ("newline", Array((text + "\n").utf8)),
            ("space", Array((text + " ").utf8)),
            ("space before the final newline", Array((String(text.dropLast()) + " \n").utf8)),
            ("NUL", Array(text.utf8) + [0]),
            ("text line", Array((text + "note ok\n").utf8)),
            ("second seal", Array((text + "\n" + records[3] + "\n").utf8)),
            ("an entry after the seal", Array((text + "\n" + records[1] + "\n").utf8)),
            ("the whole file again", Array((text + text).utf8)),
            (
                "blank line between records",
                Array(String.file([records[0], "", records[1], records[2], records[3]]).utf8)
            ),
            ("CRLF line endings", Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            ("byte order mark", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
        ]
        for count in [1, 2, 16, 100, 4096] {
            variants.append(("\(count) random bytes", Array(text.utf8) + generator.bytes(count)))
        }
        var tally = Tally()
        for (name, bytes) in variants {
            let verdict = signer.verifier.verify(bytes: bytes).verdict
            tally.record(verdict, name)
            if case .malformed = verdict {} else { Issue.record("\(name): \(verdict)") }
        }
        #expect(tally.accepted.isEmpty, "\(tally)")
        #expect(tally.probes == 16)
    }

    @Test("Random edits (bytes replaced, inserted, deleted) never verify and never trap")
    func randomEdits() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 3)
        let bytes = Array(passbook.text.utf8)
        var generator = SplitMix64(seed: 2_017)
        var tally = Tally()
        for probe in 0..<3_000 {
            var changed = bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let offset = Int.random(in: 0..<changed.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: changed[offset] = UInt8.random(in: 0...255, using: &generator)
                case 1: changed.insert(UInt8.random(in: 0...255, using: &generator), at: offset)
                default: changed.remove(at: offset)
                }
            }
            guard changed != bytes else { continue }
            tally.record(signer.verifier.verify(bytes: changed).verdict, "probe \(probe)")
        }
        #expect(tally.probes > 2_900)
        #expect(tally.accepted.isEmpty, "\(tally)")
    }
}
