/// A marker type that gives an ``Identifier`` its kind, so a person id can't be passed where an
/// organisation id is expected.
public protocol IdentifierTag: Sendable {}

/// Marks identifiers of customer organisations.
public enum OrganisationTag: IdentifierTag {}

/// Marks identifiers of people (wearers).
public enum PersonTag: IdentifierTag {}

/// Marks identifiers of employments (one dose record per person per employer).
public enum EmploymentTag: IdentifierTag {}

/// The identifier of an ``Organisation``.
public typealias OrganisationID = Identifier<OrganisationTag>

/// The identifier of a ``Person``.
public typealias PersonID = Identifier<PersonTag>

/// The identifier of an ``Employment``.
public typealias EmploymentID = Identifier<EmploymentTag>
