/// Where a sealed value lives — organisation, table, column and row — bound into its GCM tag as associated data
/// (DESIGN.md §3), so a ciphertext copied to any other place fails to open.
///
/// Components are compared as their UTF-8 bytes. They are ids and schema names, which are ASCII; a caller that
/// passes other text must pass the same normalisation each time.
public struct AssociatedData: Sendable, Hashable {
    /// The organisation (tenant) id.
    public var organisation: String
    /// The table the value is stored in.
    public var table: String
    /// The column the value is stored in.
    public var column: String
    /// The row's id.
    public var row: String

    /// Binds a value to one cell of one organisation's data.
    public init(organisation: String, table: String, column: String, row: String) {
        self.organisation = organisation
        self.table = table
        self.column = column
        self.row = row
    }

    // Different prefixes keep a field ciphertext and a wrapped key from ever verifying in each other's place,
    // even under the same key and the same cell.
    static let fieldDomain = Array("sievert.aead.v1".utf8)
    static let keyWrapDomain = Array("sievert.keywrap.v1".utf8)

    /// The canonical bytes authenticated with a sealed field (after the envelope header):
    /// `len("sievert.aead.v1") ‖ "sievert.aead.v1" ‖ len(organisation) ‖ organisation ‖ len(table) ‖ table ‖
    /// len(column) ‖ column ‖ len(row) ‖ row`, every length a UInt32 big-endian byte count.
    ///
    /// Length prefixes make the encoding injective: (`"ab"`, `"c"`) and (`"a"`, `"bc"`) never meet.
    public var canonicalBytes: [UInt8] {
        authenticatedData(header: [], domain: Self.fieldDomain)
    }

    /// The full GCM associated data: the envelope header, then the domain, then `extra` (already encoded by the
    /// caller, e.g. a wrapped key's own version) and the four components, each length-prefixed.
    func authenticatedData(header: [UInt8], domain: [UInt8], extra: [UInt8] = []) -> [UInt8] {
        let parts = [organisation.utf8, table.utf8, column.utf8, row.utf8]
        let total = header.count + 4 + domain.count + extra.count + parts.reduce(0) { $0 + 4 + $1.count }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        bytes.append(contentsOf: header)
        Self.appendLengthPrefixed(domain, to: &bytes)
        bytes.append(contentsOf: extra)
        for part in parts {
            Self.appendLengthPrefixed(part, to: &bytes)
        }
        return bytes
    }

    static func appendLengthPrefixed(_ part: some Collection<UInt8>, to bytes: inout [UInt8]) {
        // Ids and names are bytes long; a 4 GiB component cannot exist here and would trap rather than alias.
        appendBigEndian(UInt32(part.count), to: &bytes)
        bytes.append(contentsOf: part)
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }
}
