/// The fields of one ledger entry as bytes, the way a store holds them, with at most one subject (a stored audit
/// event names one subject or none). ``LeafHasher`` makes the entry's leaf hash from them directly.
public struct LedgerEntryFields<Field: Collection<UInt8>> {
    /// The zero-based leaf index.
    public var index: UInt64
    /// When it happened, in milliseconds since the Unix epoch.
    public var unixTimeMilliseconds: Int64
    /// The principal's opaque id.
    public var actor: Field
    /// The principal's role.
    public var role: Field
    /// What was done.
    public var action: Field
    /// The one subject, if any.
    public var subject: Field?
    /// The organisation the action was scoped to, if any.
    public var organisationID: Field?
    /// Why, as a code.
    public var purpose: Field
    /// The request id.
    public var requestID: Field
    /// How it ended.
    public var outcome: Field

    /// The fields of the entry at `index`, each as the UTF-8 bytes of the ``AuditEvent`` field of the same name.
    public init(
        index: UInt64, unixTimeMilliseconds: Int64, actor: Field, role: Field, action: Field, subject: Field?,
        organisationID: Field?, purpose: Field, requestID: Field, outcome: Field
    ) {
        self.index = index
        self.unixTimeMilliseconds = unixTimeMilliseconds
        self.actor = actor
        self.role = role
        self.action = action
        self.subject = subject
        self.organisationID = organisationID
        self.purpose = purpose
        self.requestID = requestID
        self.outcome = outcome
    }
}

/// Makes RFC 9162 leaf hashes of ledger entries from their fields' bytes as they lie in a database row, without
/// building an ``AuditEvent`` or a ``LedgerEntry`` first: the canonical bytes are written into one buffer reused
/// from leaf to leaf and hashed there. Verifying a stored log of a million events is mostly this.
///
/// For fields ``AuditEvent`` accepts, the hash is exactly ``LedgerEntry/leafHash`` of the same entry. Fields are
/// hashed as given, not validated: a row edited to hold bytes no event may hold (a space, non-ASCII, an empty or
/// overlong field) still gets a hash, which — the encoding being length-prefixed, so injective — matches no valid
/// entry's, and the log's root no longer matches its checkpoint.
public struct LeafHasher {
    private var buffer: [UInt8] = []

    /// A hasher with an empty buffer; keep one per reader and reuse it.
    public init() {}

    /// The leaf hash of the entry whose fields are these bytes (borrowed, e.g. from a database cursor's row).
    public mutating func leafHash(of fields: LedgerEntryFields<UnsafeRawBufferPointer>) -> MerkleHash {
        hash(fields)
    }

    /// The leaf hash of the entry whose fields are the UTF-8 bytes of these strings.
    public mutating func leafHash(of fields: LedgerEntryFields<String.UTF8View>) -> MerkleHash {
        hash(fields)
    }

    private mutating func hash<Field: Collection<UInt8>>(_ fields: LedgerEntryFields<Field>) -> MerkleHash {
        buffer.removeAll(keepingCapacity: true)
        // Zero or one subject as a collection without allocating one: the actor stands in, cut to no elements.
        let subjects = CollectionOfOne(fields.subject ?? fields.actor).prefix(fields.subject == nil ? 0 : 1)
        LedgerEntry.encode(
            index: fields.index, unixTimeMilliseconds: fields.unixTimeMilliseconds, actor: fields.actor,
            role: fields.role, action: fields.action, subjects: subjects, organisationID: fields.organisationID,
            purpose: fields.purpose, requestID: fields.requestID, outcome: fields.outcome, into: &buffer)
        return MerkleHash.leafHash(of: buffer)
    }
}
