/// A value that broke one rule: the field at fault and a plain-English reason.
///
/// The HTTP layer turns it into `application/problem+json` naming the field; the CLI prints it.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name of the field at fault, e.g. `"surname"` or `"dateOfBirth"`.
    public var field: String
    /// What is wrong, in plain English, e.g. `"must not be in the future"`.
    public var reason: String

    /// Creates an error for `field` with `reason`.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`.
    public var description: String { "\(field): \(reason)" }
}

/// Every rule a value broke, in the order they were checked.
public struct ValidationErrors: Error, Hashable, Sendable, CustomStringConvertible {
    /// The individual failures; never empty when thrown.
    public var errors: [ValidationError]

    /// Creates the collection from `errors`.
    public init(_ errors: [ValidationError]) {
        self.errors = errors
    }

    /// The failures joined with `; `.
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
