import Foundation

extension BackupManifest {
    /// Most files a backup holds.
    static let maximumFiles = 16
    /// Longest checkpoint note (the Ledger's own bound) and verifier key.
    static let maximumNoteBytes = 16_384
    static let maximumVerifierKeyBytes = 1024

    /// Checks every field against what a backup writes, so nothing later trusts a length, name or number it
    /// should not (a file name that leaves the directory, a negative size, a chunk size that would exhaust memory).
    func validate() throws(BackupFormatError) {
        guard version == Self.currentVersion else { throw .manifestUnsupportedVersion(version) }
        guard saltBytes?.count == BackupKeys.saltLength else { throw .manifestMalformed("the salt is not 32 bytes") }
        guard ChunkSealer.chunkSizes.contains(chunkSize) else {
            throw .manifestMalformed("chunk size \(chunkSize) out of range")
        }
        guard rootKeyVersion >= 1 else { throw .manifestMalformed("root key version 0") }
        guard (1...Self.maximumFiles).contains(files.count) else {
            throw .manifestMalformed("expected 1 to \(Self.maximumFiles) files, found \(files.count)")
        }
        guard Set(files.map(\.name)).count == files.count else { throw .manifestMalformed("a file is named twice") }
        for file in files {
            guard Self.isSafeFileName(file.name) else { throw .manifestMalformed("a file name is not allowed") }
            guard file.bytes >= 0 else { throw .manifestMalformed("file \(file.name) has a negative size") }
            guard file.sha256.utf8.count == 64, file.sha256.utf8.allSatisfy(Self.isLowerHex) else {
                throw .manifestMalformed("file \(file.name) has no SHA-256")
            }
        }
        guard counts.people >= 0, counts.doseEntries >= 0, counts.auditEvents >= 0 else {
            throw .manifestMalformed("a negative count")
        }
        guard (1...128).contains(schemaVersion.utf8.count), schemaVersion.utf8.allSatisfy(Self.isPrintableASCII)
        else { throw .manifestMalformed("the schema version is not a migration name") }
        guard (1...Self.maximumNoteBytes).contains(ledger.note.utf8.count) else {
            throw .manifestMalformed("the ledger checkpoint is missing or too long")
        }
        guard (1...Self.maximumVerifierKeyBytes).contains(ledger.verifierKey.utf8.count) else {
            throw .manifestMalformed("the ledger verifier key is missing or too long")
        }
    }

    /// A file name a backup writes: 1–64 of `a-z 0-9 . _ -`, starting with a letter or digit, never the manifest's
    /// own name. No separator or `..` can reach outside the directory.
    public static func isSafeFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first, isLowerAlphanumeric(first) else { return false }
        guard name != manifestFileName else { return false }
        return bytes.allSatisfy {
            isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        (0x21...0x7e).contains(byte)
    }
}
