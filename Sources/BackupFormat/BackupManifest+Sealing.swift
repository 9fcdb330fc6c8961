import Crypto
import Foundation
import Vault

extension BackupManifest {
    /// The manifest's file name in a backup directory.
    public static let manifestFileName = "manifest"
    /// Largest manifest read: a real one is a few KiB.
    public static let maximumBytes = 1 << 20
    private static let trailerPrefix = Array("hmac-sha256 ".utf8)
    private static let keyCheckMessage = Array("sievert.backup.v1 key check".utf8)
    private static let keyCheckLength = 8

    /// The manifest file: its JSON (sorted keys, so it reads the same every time), a newline, then one line
    /// `hmac-sha256 <key check> <tag>` where the tag is HMAC-SHA256 of every byte before that line under the
    /// backup's manifest key, and the key check the first 8 bytes of HMAC-SHA256("sievert.backup.v1 key check")
    /// under the same key, which tells a wrong root key apart from an edited manifest.
    public func sealed(with keys: BackupKeys) throws(BackupFormatError) -> [UInt8] {
        try validate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let body: [UInt8]
        do {
            body = Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
        } catch {
            throw .manifestMalformed("cannot encode")
        }
        let tag = HMAC<SHA256>.authenticationCode(for: body, using: keys.manifestKey)
        let trailer = "hmac-sha256 \(Self.keyCheck(keys).hex) \(Array(tag).hex)\n"
        return body + Array(trailer.utf8)
    }

    /// Reads a manifest file and authenticates it before trusting any of it beyond the root key version and salt
    /// that select its keys (`keys` derives them; a keyset without that version is a wrong key). Never traps on
    /// any input; every refusal says why.
    public static func open(
        _ bytes: [UInt8], keys: (KeyVersion, [UInt8]) throws(VaultError) -> BackupKeys
    ) throws(BackupFormatError) -> BackupManifest {
        guard bytes.count <= maximumBytes else { throw .manifestTooLarge(bytes.count) }
        let (body, keyCheck, tag) = try split(bytes)
        let selector = try keySelector(body)
        let backupKeys: BackupKeys
        do {
            backupKeys = try keys(KeyVersion(selector.rootKeyVersion), selector.salt)
        } catch {
            throw .manifestWrongKey("this root keyset holds no key v\(selector.rootKeyVersion) (\(error))")
        }
        guard Self.keyCheck(backupKeys) == keyCheck else {
            throw .manifestWrongKey("it was made under another root key (or its salt or key version was edited)")
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: body, using: backupKeys.manifestKey) else {
            throw .manifestEdited
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let manifest: BackupManifest
        do {
            manifest = try decoder.decode(BackupManifest.self, from: Data(body))
        } catch {
            throw .manifestMalformed("a field is missing or has the wrong type")
        }
        try manifest.validate()
        return manifest
    }

    private static func keyCheck(_ keys: BackupKeys) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: keyCheckMessage, using: keys.manifestKey).prefix(keyCheckLength))
    }

    /// The body, key check and tag of a manifest file; the last line must be the authentication line exactly.
    private static func split(_ bytes: [UInt8]) throws(BackupFormatError) -> (
        body: ArraySlice<UInt8>, keyCheck: [UInt8], tag: [UInt8]
    ) {
        let newline = UInt8(ascii: "\n")
        guard bytes.last == newline else { throw .manifestMalformed("it does not end with a newline") }
        let lineStart = bytes[..<(bytes.count - 1)].lastIndex(of: newline).map { $0 + 1 } ?? 0
        let line = bytes[lineStart..<(bytes.count - 1)]
        let expected = trailerPrefix.count + 2 * keyCheckLength + 1 + 2 * SHA256.byteCount
        guard lineStart > 0, line.count == expected, line.starts(with: trailerPrefix) else {
            throw .manifestMalformed("no authentication line")
        }
        let fields = line.dropFirst(trailerPrefix.count).split(separator: UInt8(ascii: " "))
        guard fields.count == 2, let keyCheck = [UInt8](hex: fields[0]), let tag = [UInt8](hex: fields[1]),
            keyCheck.count == keyCheckLength, tag.count == SHA256.byteCount
        else { throw .manifestMalformed("no authentication line") }
        return (bytes[..<lineStart], keyCheck, tag)
    }

    private struct KeySelector: Decodable {
        var version: Int
        var rootKeyVersion: UInt32
        var salt: String
    }

    /// The only fields read before authentication: they choose the keys, so editing them makes a wrong key.
    private static func keySelector(_ body: ArraySlice<UInt8>) throws(BackupFormatError) -> (
        rootKeyVersion: UInt32, salt: [UInt8]
    ) {
        let selector: KeySelector
        do {
            selector = try JSONDecoder().decode(KeySelector.self, from: Data(body))
        } catch {
            throw .manifestMalformed("not a JSON manifest with a version, root key version and salt")
        }
        guard selector.version == currentVersion else { throw .manifestUnsupportedVersion(selector.version) }
        guard let salt = Data(base64Encoded: selector.salt), salt.count == BackupKeys.saltLength else {
            throw .manifestMalformed("the salt is not 32 bytes of base64")
        }
        return (selector.rootKeyVersion, Array(salt))
    }
}

extension [UInt8] {
    /// Lowercase hex.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Bytes from lowercase hex; nil for anything else.
    init?(hex: some Collection<UInt8>) {
        guard hex.count.isMultiple(of: 2), hex.allSatisfy(BackupManifest.isLowerHex) else { return nil }
        func value(_ digit: UInt8) -> UInt8 {
            digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
        }
        var bytes: [UInt8] = []
        var iterator = hex.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(value(high) << 4 | value(low))
        }
        self = bytes
    }
}
