import DoseCore
import SievertStorage

/// Why a use case refused a call. A struct over a private enum so cases can be added.
public struct ServiceError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case notFound(String)
        case forbidden(String)
        case invalid([ValidationError])
        case conflict(String)
        case unavailable(String)
        case unauthenticated(String)
        case throttled(retryAfterSeconds: Int)
        case changedSinceRead
    }

    private let kind: Kind

    /// Nothing by that id or code in the caller's scope (also what another organisation's record looks like).
    public static func notFound(_ what: String) -> ServiceError { ServiceError(kind: .notFound(what)) }
    /// The caller's role may not do this.
    public static func forbidden(_ why: String) -> ServiceError { ServiceError(kind: .forbidden(why)) }
    /// Input broke one or more rules; each names its field.
    public static func invalid(_ errors: [ValidationError]) -> ServiceError { ServiceError(kind: .invalid(errors)) }
    /// One invalid field.
    public static func invalid(field: String, _ reason: String) -> ServiceError {
        ServiceError(kind: .invalid([ValidationError(field: field, reason: reason)]))
    }
    /// The request conflicts with stored state (such as an organisation code already used).
    public static func conflict(_ why: String) -> ServiceError { ServiceError(kind: .conflict(why)) }
    /// A dependency (store, keys) failed.
    public static func unavailable(_ why: String) -> ServiceError { ServiceError(kind: .unavailable(why)) }

    /// Sign-in failed, or the credentials are missing, expired or revoked. The reason never says which part
    /// was wrong, so it cannot be used to find out whether an account exists.
    public static func unauthenticated(_ why: String) -> ServiceError { ServiceError(kind: .unauthenticated(why)) }
    /// Too many failed attempts; try again after the given number of seconds.
    public static func throttled(retryAfterSeconds: Int) -> ServiceError {
        ServiceError(kind: .throttled(retryAfterSeconds: retryAfterSeconds))
    }

    /// Someone else changed the record between this call's read and its write, every time it tried; nothing was
    /// written. A conflict to the caller, who may read the record again and repeat the change.
    static let changedSinceRead = ServiceError(kind: .changedSinceRead)

    /// True when the record changed under this call (see ``changedSinceRead``).
    var isChangedSinceRead: Bool {
        if case .changedSinceRead = kind { return true }
        return false
    }

    /// Seconds to wait before retrying, when throttled.
    public var retryAfterSeconds: Int? {
        if case .throttled(let seconds) = kind { return seconds }
        return nil
    }

    /// The validation errors, when the input was invalid.
    public var validationErrors: [ValidationError] {
        if case .invalid(let errors) = kind { return errors }
        return []
    }

    /// A stable code: not-found, forbidden, invalid, conflict, unavailable.
    public var code: String {
        switch kind {
        case .notFound: "not-found"
        case .forbidden: "forbidden"
        case .invalid: "invalid"
        case .conflict, .changedSinceRead: "conflict"
        case .unavailable: "unavailable"
        case .unauthenticated: "unauthenticated"
        case .throttled: "throttled"
        }
    }

    public var description: String {
        switch kind {
        case .notFound(let what): "\(what) not found"
        case .forbidden(let why): why
        case .invalid(let errors): errors.map(\.description).joined(separator: "; ")
        case .conflict(let why): why
        case .unavailable(let why): why
        case .unauthenticated(let why): why
        case .throttled(let seconds): "too many attempts; try again in \(seconds) s"
        case .changedSinceRead: "the record was changed by someone else at the same time; read it again and retry"
        }
    }

    /// Maps store and validation errors to service errors; anything else is `unavailable`.
    static func from(_ error: any Error) -> ServiceError {
        switch error {
        case let error as ServiceError: return error
        case let error as ValidationError: return .invalid([error])
        case let error as ValidationErrors: return .invalid(error.errors)
        case let error as StoreError where error.isNotFound: return .notFound("record")
        case let error as StoreError where error.isOutOfScope: return .notFound("record")
        case let error as StoreError where error.isConflict: return .conflict(error.description)
        case let error as StoreError where error.isChangedSinceRead: return .changedSinceRead
        default: return .unavailable(String(describing: error))
        }
    }
}
