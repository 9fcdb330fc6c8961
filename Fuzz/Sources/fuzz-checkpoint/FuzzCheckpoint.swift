import Crypto
import FuzzSupport
import Ledger

// Checkpoints as they arrive from outside: the signed note a witness directory or `sievert audit` is handed
// (SignedCheckpoint(parsing:)), the checkpoint body inside it (Checkpoint(noteText:)) and the verifier key of
// the configuration (CheckpointVerifier(verifierKey:)).
//
// Invariants: each accepted form writes back to exactly its input (one spelling per value, so a signed note
// cannot be re-spelled); a signed note holds 1–16 signatures within 16 KiB; and no input verifies under a key
// that never signed it.
private let verifier: CheckpointVerifier = {
    do {
        return try CheckpointVerifier(
            keyName: "sievert.example/ledger", publicKey: Curve25519.Signing.PrivateKey().publicKey)
    } catch {
        fatalError("a valid key name is accepted: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    if let note = try? SignedCheckpoint(parsing: bytes) {
        invariant(Array(note.noteText.utf8) == bytes, "signed note writes back differently")
        invariant((1...16).contains(note.signatures.count), "\(note.signatures.count) signatures")
        invariant(bytes.count <= 16_384, "note of \(bytes.count) bytes accepted")
        let verified = try? verifier.verify(note)
        invariant(verified == nil, "a note verified under a key that never signed it")
    }
    if let checkpoint = try? Checkpoint(noteText: bytes) {
        invariant(Array(checkpoint.noteText.utf8) == bytes, "checkpoint writes back differently")
    }
    if let text = String(validating: bytes, as: UTF8.self), let key = try? CheckpointVerifier(verifierKey: text) {
        invariant(key.verifierKey == text, "verifier key writes back differently")
    }
    return 0
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_checkpoint_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
