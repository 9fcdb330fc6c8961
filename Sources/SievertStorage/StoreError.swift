/// Why a store refused or failed a call. A struct over a private enum so cases can be added.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable {
        case outOfScope
        case notFound
        case conflict(String)
        case unavailable(String)
        case corrupt(String)
        case changedSinceRead
    }

    private let kind: Kind

    /// A write touched a row outside the caller's scope; nothing was written.
    public static let outOfScope = StoreError(kind: .outOfScope)
    /// The row to change does not exist in the caller's scope; nothing was written.
    public static let notFound = StoreError(kind: .notFound)
    /// A uniqueness rule was broken (the message names the rule, never a value).
    public static func conflict(_ rule: String) -> StoreError { StoreError(kind: .conflict(rule)) }
    /// The database could not be reached or refused the call.
    public static func unavailable(_ reason: String) -> StoreError { StoreError(kind: .unavailable(reason)) }
    /// A stored row could not be read back into its type.
    public static func corrupt(_ reason: String) -> StoreError { StoreError(kind: .corrupt(reason)) }

    /// A record a change was made from was changed by another writer since it was read; nothing was written.
    public static let changedSinceRead = StoreError(kind: .changedSinceRead)

    /// True for `outOfScope`.
    public var isOutOfScope: Bool { kind == .outOfScope }
    /// True for `changedSinceRead`.
    public var isChangedSinceRead: Bool { kind == .changedSinceRead }
    /// True for `notFound`.
    public var isNotFound: Bool { kind == .notFound }
    /// True for `conflict`.
    public var isConflict: Bool {
        if case .conflict = kind { return true }
        return false
    }

    public var description: String {
        switch kind {
        case .outOfScope: "the change touches an organisation outside the caller's scope"
        case .notFound: "no such record in the caller's scope"
        case .conflict(let rule): "conflict: \(rule)"
        case .unavailable(let reason): "store unavailable: \(reason)"
        case .corrupt(let reason): "stored row unreadable: \(reason)"
        case .changedSinceRead: "the record was changed by another writer since it was read"
        }
    }
}
