import Crypto
import DoseCore
import Foundation
import Passbook
import Testing

@Suite("Passbook round trip")
struct RoundTripTests {
    @Test("An issued passbook renders, parses back to itself and verifies, with every record ok")
    func roundTrip() throws {
        // setup
        let (signer, passbook) = try Fixture.passbook(entries: 5)
        // MUT
        let parsed = try SignedPassbook(parsing: passbook.text)
        let verification = signer.verifier.verify(bytes: Array(passbook.text.utf8))
        // validate
        #expect(parsed == passbook)
        #expect(verification.verdict == .ok)
        #expect(
            verification.records.map(\.record) == [
                .holder, .entry(1), .entry(2), .entry(3), .entry(4), .entry(5), .seal,
            ])
        #expect(verification.records.allSatisfy { $0.verdict == .ok })
        let verified = try #require(verification.passbook)
        #expect(verified.holder == (try Fixture.holder()))
        #expect(verified.entries == (try Fixture.entries(5)))
        #expect(verified.sealedAt == Date(timeIntervalSince1970: Fixture.sealedAt))
        #expect(verified.keyID == signer.verifier.keyID)
    }

    @Test("The text has the documented shape: fixed records, one blank line between them, a final newline")
    func shape() throws {
        let (_, passbook) = try Fixture.passbook(entries: 2)
        let lines = passbook.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 9 + 2 * 16 + 5 + 1)
        #expect(lines[0] == "sievert-passbook v1")
        #expect(lines[1] == "serial PB-000123")
        #expect(lines[2] == "holder 0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f")
        #expect(lines[5] == "date-of-birth 1990-04-02" && lines[6] == "nino AB123456C")
        #expect(lines[7] == "issued 2025-01-15T09:30:00Z")
        #expect(lines[9].isEmpty && lines[10] == "entry 1" && lines[26] == "entry 2")
        #expect(lines[14] == "period 2025-01-01 2025-01-31")
        #expect(lines[16] == "hp10 0.120" && lines[17] == "hp0.07 0.150" && lines[18] == "hp3 0.090")
        #expect(lines[34] == "hp3 not-monitored" && lines[37] == "ytd-hp3 0.090")
        #expect(lines[42] == "seal 2" && lines[43] == "issued 2026-01-20T08:00:00Z")
        #expect(lines.last == "")
    }

    @Test("A passbook without entries is a holder and a seal, and verifies")
    func empty() throws {
        let (signer, passbook) = try Fixture.passbook(entries: 0)
        #expect(passbook.text.records.count == 2)
        #expect(signer.verifier.verify(bytes: Array(passbook.text.utf8)).verdict == .ok)
    }

    @Test("Appending keeps every earlier record's lines as signed and re-seals")
    func appending() throws {
        let (signer, first) = try Fixture.passbook(entries: 2)
        let all = try Fixture.entries(5)
        let second = try signer.appending(
            Array(all[2...]), to: first, sealedAt: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(signer.verifier.verify(second).passbook?.entries == all)
        #expect(Array(second.text.records.prefix(3)) == Array(first.text.records.prefix(3)))
        #expect(second.seal.entryCount == 5)
        // The older genuine copy still verifies, as what it was when sealed.
        #expect(signer.verifier.verify(first).verdict == .ok)
    }

    @Test("Appending to a passbook another key signed, or one that was changed, is refused")
    func appendingUntrusted() throws {
        let sealedAt = Date(timeIntervalSince1970: Fixture.sealedAt)
        let (_, foreign) = try Fixture.passbook(entries: 1, signer: 9)
        let (signer, genuine) = try Fixture.passbook(entries: 2)
        #expect(throws: PassbookError.self) { try signer.appending([], to: foreign, sealedAt: sealedAt) }
        let changed = try SignedPassbook(
            parsing: genuine.text.replacingOccurrences(of: "hp10 0.120\n", with: "hp10 0.100\n"))
        let more = try Fixture.entries(3)
        do throws(PassbookError) {
            _ = try signer.appending(more, to: changed, sealedAt: sealedAt)
            Issue.record("a changed passbook was extended")
        } catch {
            #expect(error == .untrusted(.badSignature(.entry(1), line: 25)))
            #expect(error.description.contains("entry 1: the signature does not verify"))
        }
    }

    @Test("Times are kept to the whole second, rounded down, before and after 1970")
    func times() throws {
        let holder = try PassbookHolder(
            serial: "A", personID: try Fixture.holder().personID, surname: "Ap Rhys", forenames: "Gwen",
            dateOfBirth: try CalendarDate(iso: "1950-01-01"), nino: nil,
            issuedAt: Date(timeIntervalSince1970: -86_399.25))
        #expect(holder.issuedAt == Date(timeIntervalSince1970: -86_400))
        let signer = try Fixture.signer(seed: 2)
        let passbook = try signer.issue(holder: holder, entries: [], sealedAt: Date(timeIntervalSince1970: 59.9))
        #expect(passbook.text.contains("issued 1969-12-31T00:00:00Z\n"))
        #expect(passbook.text.contains("nino none\n"))
        #expect(passbook.text.contains("issued 1970-01-01T00:00:59Z\n"))
        #expect(try SignedPassbook(parsing: passbook.text) == passbook)
    }

    @Test("Holder fields are checked: serial, names, time")
    func holderRules() throws {
        let id = try Fixture.holder().personID
        let dob = try CalendarDate(iso: "1990-04-02")
        func holder(serial: String = "PB-1", surname: String = "Prosser", forenames: String = "Nia", at: Double = 0)
            throws(ValidationError) -> PassbookHolder
        {
            try PassbookHolder(
                serial: serial, personID: id, surname: surname, forenames: forenames, dateOfBirth: dob, nino: nil,
                issuedAt: Date(timeIntervalSince1970: at))
        }
        for bad in ["", "-PB", "pb-1", "PB 1", String(repeating: "A", count: 33), "PB\u{0}"] {
            #expect(throws: ValidationError.self, "serial \(bad.debugDescription)") { try holder(serial: bad) }
        }
        for bad in [
            "", " Prosser", "Prosser ", "Pros  ser", "Pros\tser", "Pros\u{202E}ser", String(repeating: "a", count: 101),
        ] {
            #expect(throws: ValidationError.self, "surname \(bad.debugDescription)") { try holder(surname: bad) }
            #expect(throws: ValidationError.self, "forenames \(bad.debugDescription)") { try holder(forenames: bad) }
        }
        // 100 characters but far more bytes: refused so no line outgrows the parser's limit.
        #expect(throws: ValidationError.self) {
            try holder(surname: String(repeating: "e\u{301}\u{301}\u{301}", count: 100))
        }
        #expect(throws: ValidationError.self) { try holder(at: .nan) }
        #expect(throws: ValidationError.self) { try holder(at: 1e12) }
        #expect((try? holder(surname: "Ó Súilleabháin-Llŷr")) != nil)
    }

    @Test("Entry doses are checked: range, and a total that includes the period within one year")
    func entryRules() throws {
        let period = try DosePeriod(begin: CalendarDate(iso: "2025-03-01"), end: CalendarDate(iso: "2025-03-31"))
        func entry(_ dose: Int64?, ytd: Int64?, period: DosePeriod = period) throws(ValidationError) -> PassbookEntry {
            try PassbookEntry(
                issuedAt: Date(timeIntervalSince1970: 1_743_465_600), service: "RPS",
                employer: try OrganisationCode("AVUHB"), period: period, kind: .measured,
                doses: PassbookDoses(hp10: dose.map(Dose.init(microsieverts:)), hp007: nil, hp3: nil),
                yearToDate: PassbookDoses(hp10: ytd.map(Dose.init(microsieverts:)), hp007: nil, hp3: nil),
                designation: .classified)
        }
        #expect((try? entry(280, ytd: 280)) != nil)
        #expect((try? entry(nil, ytd: nil)) != nil)
        #expect((try? entry(nil, ytd: 5)) != nil)
        #expect(throws: ValidationError.self) { try entry(-1, ytd: 0) }
        #expect(throws: ValidationError.self) { try entry(10_000_001, ytd: 20_000_000) }
        #expect(throws: ValidationError.self) { try entry(0, ytd: 1_000_000_001) }
        #expect(throws: ValidationError.self) { try entry(280, ytd: 279) }
        #expect(throws: ValidationError.self) { try entry(280, ytd: nil) }
        let acrossYears = try DosePeriod(begin: CalendarDate(iso: "2024-12-01"), end: CalendarDate(iso: "2025-02-28"))
        #expect((try? entry(280, ytd: 100, period: acrossYears)) != nil)
    }

    @Test("Public key files: base64 of 32 bytes with optional surrounding whitespace, nothing else")
    func publicKeyFiles() throws {
        let verifier = try Fixture.signer(seed: 3).verifier
        let text = verifier.publicKeyFile
        #expect(try PassbookVerifier(publicKeyFile: Array(text.utf8)).keyID == verifier.keyID)
        #expect(try PassbookVerifier(publicKeyFile: Array(("  " + text + "\n").utf8)).keyID == verifier.keyID)
        let base64 = text.trimmingCharacters(in: .newlines)
        for bad in [
            "", "\n", String(base64.dropLast()), base64 + "AA==", "x" + base64,
            base64.replacingOccurrences(of: "=", with: ""),
            String(repeating: " ", count: 2000) + base64,
        ] {
            #expect(throws: PassbookError.malformedPublicKey, "\(bad.prefix(20))") {
                try PassbookVerifier(publicKeyFile: Array(bad.utf8))
            }
        }
    }

    @Test("The key ID is the first 4 bytes of SHA-256 of the public key")
    func keyID() throws {
        let verifier = try Fixture.signer(seed: 4).verifier
        let digest = Array(SHA256.hash(data: verifier.publicKey.rawRepresentation))
        #expect(
            verifier.keyID == UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8
                | UInt32(digest[3]))
    }
}
