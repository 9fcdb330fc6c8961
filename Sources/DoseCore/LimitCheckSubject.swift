/// One of a person's employments, as the limit check needs it.
public struct EmploymentLimitContext: Hashable, Sendable {
    /// The employment.
    public var employmentID: EmploymentID
    /// Whether the person is a classified person in this employment.
    public var classified: Bool
    /// The employer's investigation levels.
    public var investigationLevels: InvestigationLevels
    /// The group the wearer belongs to for the employer's group levels, if any.
    public var group: String?

    /// Creates the context.
    public init(
        employmentID: EmploymentID, classified: Bool, investigationLevels: InvestigationLevels = InvestigationLevels(),
        group: String? = nil
    ) {
        self.employmentID = employmentID
        self.classified = classified
        self.investigationLevels = investigationLevels
        self.group = group
    }
}

/// Everything about a person the limit check needs besides their doses.
public struct LimitCheckSubject: Hashable, Sendable {
    /// The person.
    public var personID: PersonID
    /// Their class for the year checked (see ``WorkerClass/init(designation:dateOfBirth:on:)``).
    public var workerClass: WorkerClass
    /// Their employments, each with its employer's levels and their designation there.
    public var employments: [EmploymentLimitContext]
    /// The pregnancies they declared, to any employer.
    public var pregnancies: [PregnancyDeclaration]
    /// HSE's authorisation to apply the five-year special case, if any.
    public var authorisation: SpecialAuthorisation?

    /// Creates the subject.
    public init(
        personID: PersonID, workerClass: WorkerClass, employments: [EmploymentLimitContext] = [],
        pregnancies: [PregnancyDeclaration] = [], authorisation: SpecialAuthorisation? = nil
    ) {
        self.personID = personID
        self.workerClass = workerClass
        self.employments = employments
        self.pregnancies = pregnancies
        self.authorisation = authorisation
    }
}
