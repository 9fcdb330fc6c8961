import DoseCore

extension RecordStore {
    /// Every entry of a person's dose of record (all their employments), if in scope, oldest first.
    public func doseEntries(of person: PersonID, scope: StoreScope) async throws -> [DoseEntryRow] {
        try await doseEntries(ofPeople: [person], endingIn: nil, scope: scope)
    }

    /// The entries of the given people whose period ends in `endingIn` (all when nil), with every correction
    /// (``doseEntries(ofPeople:endingIn:excluding:scope:)`` leaving nothing out).
    public func doseEntries(ofPeople people: [PersonID], endingIn: ClosedRange<CalendarDate>?, scope: StoreScope)
        async throws -> [DoseEntryRow]
    {
        try await doseEntries(ofPeople: people, endingIn: endingIn, excluding: nil, scope: scope)
    }

    /// Every entry of the dose of record of the given people (all their employments), if in scope, each person's
    /// oldest first (``doseEntries(ofPeople:endingIn:scope:)`` without a window).
    public func doseEntries(ofPeople people: [PersonID], scope: StoreScope) async throws -> [DoseEntryRow] {
        try await doseEntries(ofPeople: people, endingIn: nil, scope: scope)
    }

    /// A person's dose alerts, if in scope, oldest first.
    public func doseAlerts(ofPerson person: PersonID, scope: StoreScope) async throws -> [DoseAlertRow] {
        try await doseAlerts(ofPeople: [person], scope: scope)
    }

    /// The people in scope whose NINO has blind index `index` (canaries left out).
    public func people(withNINOIndex index: Int64, scope: StoreScope) async throws -> [PersonRecord] {
        try await people(withNINOIndexes: [index], scope: scope)
    }
}
