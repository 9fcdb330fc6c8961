import FuzzSupport
import Vault

// The ciphertext envelope (`version | key id | nonce | ciphertext | tag`) as every sealed cell, wrapped key and
// backup manifest field is read back (Envelope(decoding:), Sealer.open).
//
// Invariants: a decoded envelope re-encodes to exactly its input and its parts add up to it; anything shorter
// than the overhead or of another format is refused; and no input opens under a key that never sealed it
// (forging a GCM tag by chance is 2^-128), so opening always throws, whatever the bytes.
private let sealer = Sealer(dataKey: DataKey.generate(version: 1))
private let binding = AssociatedData(organisation: "ORG1", table: "people", column: "surname", row: "fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let envelope: Envelope
    do {
        envelope = try Envelope(decoding: bytes)
    } catch {
        invariant(
            bytes.count < Envelope.overhead || bytes.first != Envelope.currentFormatVersion,
            "a well-formed envelope of \(bytes.count) bytes was refused: \(error)")
        invariantOpenFails(bytes)
        return 0
    }
    invariant(bytes.count >= Envelope.overhead, "accepted an envelope shorter than the overhead")
    invariant(envelope.encoded == bytes, "re-encoding differs from the input")
    invariant(envelope.formatVersion == Envelope.currentFormatVersion, "unknown format accepted")
    invariant(envelope.nonce.count == Envelope.nonceLength, "nonce of \(envelope.nonce.count) bytes")
    invariant(envelope.tag.count == Envelope.tagLength, "tag of \(envelope.tag.count) bytes")
    invariant(
        envelope.ciphertext.count == bytes.count - Envelope.overhead, "ciphertext of \(envelope.ciphertext.count) bytes"
    )
    invariant(
        Array(bytes[0..<5]) + envelope.nonce + envelope.ciphertext + envelope.tag == bytes,
        "the parts do not add up to the input")
    let keyVersion = bytes[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    invariant(envelope.keyVersion.rawValue == keyVersion, "key version \(envelope.keyVersion) read wrongly")
    invariantOpenFails(bytes)
    return 0
}

private func invariantOpenFails(_ bytes: [UInt8]) {
    let opened = try? sealer.open(bytes, binding: binding)
    invariant(opened == nil, "unauthenticated bytes opened")
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_envelope_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}
