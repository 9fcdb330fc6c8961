import Vault

/// Where the root keyset comes from: a key file, an environment secret, or an external key service.
///
/// The root keyset is used for two operations only, wrapping an organisation key version and unwrapping one
/// (plus the three service-wide keys): everything else is under keys it wraps. A source is asked again when it
/// says the keyset may have changed, so a rotation written by `sievert keys rotate-root` reaches a running server
/// without a restart.
public protocol RootKeySource: Sendable {
    /// Where the keyset comes from, for messages (never key material): `file /etc/sievert/root.keyset`.
    var origin: String { get }
    /// The current root keyset.
    func load() throws -> Keyset
    /// Whether ``load()`` could now return another keyset than it last did; cheap (a file's modification time).
    func mayHaveChanged() -> Bool
    /// Stores a rotated keyset where ``load()`` reads it, atomically. Sources an operator manages elsewhere (an
    /// environment secret, a key service) throw ``RootKeySourceError/readOnly(_:)``.
    func save(_ keyset: Keyset) throws
}

/// Why a root key source failed.
public enum RootKeySourceError: Error, CustomStringConvertible {
    /// The source cannot store a rotated keyset; the operator stores it where the source reads it.
    case readOnly(String)
    /// The source could not produce a keyset.
    case unavailable(String)

    public var description: String {
        switch self {
        case .readOnly(let origin): "the root key comes from \(origin), which this process cannot rewrite"
        case .unavailable(let reason): reason
        }
    }
}

/// A keyset held in memory: tests, and a keyset read once from an environment secret.
public struct FixedRootKey: RootKeySource {
    public let keyset: Keyset
    public let origin: String

    public init(_ keyset: Keyset, origin: String = "memory") {
        self.keyset = keyset
        self.origin = origin
    }

    public func load() throws -> Keyset { keyset }
    public func mayHaveChanged() -> Bool { false }
    public func save(_ keyset: Keyset) throws { throw RootKeySourceError.readOnly(origin) }
}
