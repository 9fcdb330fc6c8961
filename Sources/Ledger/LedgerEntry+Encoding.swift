extension LedgerEntry {
    // The domain string carries the format version: a leaf of any other structure or version never decodes as
    // this one, and the bytes say what they are when found out of context.
    static let domain = Array("sievert.ledger.entry.v1".utf8)
    static let domainFamily = Array("sievert.ledger.entry.".utf8)

    /// The canonical leaf bytes, every length a UInt32 big-endian byte count and every integer big-endian:
    ///
    /// `len ‖ "sievert.ledger.entry.v1" ‖ index (UInt64) ‖ time (Int64, two's complement) ‖ len ‖ actor ‖
    /// len ‖ role ‖ len ‖ action ‖ subject count (UInt32) ‖ (len ‖ subject)* ‖ 0x00 | 0x01 ‖ len ‖ organisation ‖
    /// len ‖ purpose ‖ len ‖ requestID ‖ len ‖ outcome`.
    ///
    /// Length prefixes make it injective (one event, one byte string), and fields are validated ASCII, so the
    /// encoding is canonical: decoding and re-encoding gives back the same bytes.
    public var canonicalBytes: [UInt8] {
        var bytes: [UInt8] = []
        Self.encode(
            index: index, unixTimeMilliseconds: event.unixTimeMilliseconds, actor: event.actor.utf8,
            role: event.role.utf8, action: event.action.utf8, subjects: event.subjectIDs.lazy.map(\.utf8),
            organisationID: event.organisationID?.utf8, purpose: event.purpose.utf8, requestID: event.requestID.utf8,
            outcome: event.outcome.utf8, into: &bytes)
        return bytes
    }

    /// Appends the canonical bytes of an entry given field by field (see ``canonicalBytes``) to `bytes`, whatever
    /// holds the fields: the strings of an ``AuditEvent``, or the bytes of a stored row (``LeafHasher``). Fields
    /// are written as given, not validated.
    static func encode<Field: Collection<UInt8>>(
        index: UInt64, unixTimeMilliseconds: Int64, actor: Field, role: Field, action: Field,
        subjects: some Collection<Field>, organisationID: Field?, purpose: Field, requestID: Field, outcome: Field,
        into bytes: inout [UInt8]
    ) {
        // Exact size: one allocation per leaf (or none, into a reused buffer), which verification makes a million
        // times.
        var capacity = bytes.count + 4 + domain.count + 8 + 8 + 4 + 1 + 6 * 4 + actor.count + role.count
        capacity += action.count + purpose.count + requestID.count + outcome.count
        capacity += subjects.reduce(0) { $0 + 4 + $1.count }
        capacity += organisationID.map { 4 + $0.count } ?? 0
        bytes.reserveCapacity(capacity)
        appendField(domain, to: &bytes)
        bytes.appendBigEndian(index)
        bytes.appendBigEndian(UInt64(bitPattern: unixTimeMilliseconds))
        appendField(actor, to: &bytes)
        appendField(role, to: &bytes)
        appendField(action, to: &bytes)
        // Fields are at most 256 bytes and a leaf this large cannot be built in memory, so the counts fit UInt32.
        bytes.appendBigEndian(UInt32(truncatingIfNeeded: subjects.count))
        for subject in subjects {
            appendField(subject, to: &bytes)
        }
        if let organisationID {
            bytes.append(0x01)
            appendField(organisationID, to: &bytes)
        } else {
            bytes.append(0x00)
        }
        appendField(purpose, to: &bytes)
        appendField(requestID, to: &bytes)
        appendField(outcome, to: &bytes)
    }

    /// Decodes ``canonicalBytes`` strictly: the exact domain, valid fields, a presence byte of 0 or 1 and no
    /// trailing bytes. Throws ``LedgerError`` on anything else; never traps.
    public init(decoding input: some Collection<UInt8>) throws(LedgerError) {
        var reader = ByteReader(Array(input))
        guard let domainLength = reader.readUInt32(), let domain = reader.readBytes(Int(domainLength)) else {
            throw .malformedEntry("truncated domain")
        }
        guard domain.elementsEqual(Self.domain) else {
            if domain.starts(with: Self.domainFamily) { throw .unsupportedVersion }
            throw .malformedEntry("not a ledger entry")
        }
        guard let index = reader.readUInt64(), let time = reader.readUInt64() else {
            throw .malformedEntry("truncated header")
        }
        let actor = try Self.readField(&reader, "actor")
        let role = try Self.readField(&reader, "role")
        let action = try Self.readField(&reader, "action")
        guard let subjectCount = reader.readUInt32() else { throw .malformedEntry("truncated subject count") }
        // Each subject takes at least five bytes, so a count beyond that is a lie; checking first keeps a hostile
        // count from driving a huge allocation.
        guard Int(subjectCount) <= reader.remaining / 5 else { throw .malformedEntry("subject count too large") }
        var subjects: [String] = []
        subjects.reserveCapacity(Int(subjectCount))
        for _ in 0..<subjectCount {
            subjects.append(try Self.readField(&reader, "subjectIDs"))
        }
        let organisationID: String?
        switch reader.readByte() {
        case 0x00: organisationID = nil
        case 0x01: organisationID = try Self.readField(&reader, "organisationID")
        default: throw .malformedEntry("bad organisation marker")
        }
        let purpose = try Self.readField(&reader, "purpose")
        let requestID = try Self.readField(&reader, "requestID")
        let outcome = try Self.readField(&reader, "outcome")
        guard reader.isAtEnd else { throw .malformedEntry("trailing bytes") }
        self.init(
            index: index,
            event: try AuditEvent(
                unixTimeMilliseconds: Int64(bitPattern: time),
                actor: actor,
                role: role,
                action: action,
                subjectIDs: subjects,
                organisationID: organisationID,
                purpose: purpose,
                requestID: requestID,
                outcome: outcome
            )
        )
    }

    private static func appendField(_ field: some Collection<UInt8>, to bytes: inout [UInt8]) {
        bytes.appendBigEndian(UInt32(truncatingIfNeeded: field.count))
        bytes.append(contentsOf: field)
    }

    private static func readField(_ reader: inout ByteReader, _ name: String) throws(LedgerError) -> String {
        guard let length = reader.readUInt32(), let field = reader.readBytes(Int(length)) else {
            throw .malformedEntry("truncated \(name)")
        }
        guard AuditEvent.isValidField(field) else { throw .invalidField(name) }
        return String(decoding: field, as: UTF8.self)
    }
}
