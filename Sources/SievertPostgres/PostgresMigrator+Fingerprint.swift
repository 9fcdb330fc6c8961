extension PostgresMigrator {
    /// A short, stable digest of every migration's version and SQL: two databases migrated by code with the same
    /// fingerprint have the same schema. Tests name their migrated template database by it, so a changed migration
    /// never reuses a stale template.
    public static let schemaFingerprint: String = {
        // FNV-1a, 64 bits: a name, not a security boundary, and stable across processes (Swift's Hasher is not).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (version, sql) in PostgresMigrations.all {
            for byte in version.utf8 + [0] + sql.utf8 + [0] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }()
}
