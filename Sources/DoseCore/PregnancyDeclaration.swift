/// A declared pregnancy: from `declared` the foetus dose budget (1 mSv) applies until `ended`.
public struct PregnancyDeclaration: Hashable, Sendable, Codable {
    /// The day the employee declared the pregnancy to the employer.
    public var declared: CalendarDate
    /// The day the pregnancy ended (or the declaration was withdrawn), or `nil` while it lasts.
    public var ended: CalendarDate?

    /// Creates a declaration.
    public init(declared: CalendarDate, ended: CalendarDate? = nil) {
        self.declared = declared
        self.ended = ended
    }
}
