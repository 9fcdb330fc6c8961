import Crypto
import FuzzSupport
import Passbook

// Radiation passbooks as an outside worker brings them from another employer (`sievert passbook verify`,
// SignedPassbook(parsing:) and PassbookVerifier.verify(bytes:)).
//
// Invariants: an accepted passbook writes back to exactly its input (each value has one spelling); a refused
// one names a line of the file; and nothing verifies under a key that never signed it.
private let verifier = PassbookVerifier(publicKey: Curve25519.Signing.PrivateKey().publicKey)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let verification = verifier.verify(bytes: bytes)
    invariant(
        !verification.verdict.isOK && verification.passbook == nil,
        "a passbook verified under a key that never signed it")
    do {
        let passbook = try SignedPassbook(parsing: bytes)
        invariant(Array(passbook.text.utf8) == bytes, "an accepted passbook writes back differently")
        invariant(
            verification.records.count == passbook.entries.count + 2,
            "\(verification.records.count) records checked for \(passbook.entries.count) entries")
    } catch {
        let line = error.line ?? 1
        invariant((1...physicalLineCount(bytes) + 1).contains(line), "problem on line \(line)")
        invariant(
            verification.records.isEmpty && verification.verdict.line == error.line ?? 1,
            "a passbook that does not parse was checked: \(verification.verdict)")
    }
    return 0
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_passbook_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
