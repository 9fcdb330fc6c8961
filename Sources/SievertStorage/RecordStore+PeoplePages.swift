import DoseCore

extension RecordStore {
    /// Calls `body` with each page of an organisation's people, in id order, until none are left: the one way
    /// the services walk a whole organisation without holding every sealed record at once.
    public func forEachPeoplePage(
        of organisation: OrganisationID, includeCanaries: Bool, pageSize: Int = 1_000, scope: StoreScope,
        _ body: ([PersonRecord]) async throws -> Void
    ) async throws {
        var after: PersonID?
        while true {
            let page = try await people(
                of: organisation, after: after, limit: pageSize, includeCanaries: includeCanaries, scope: scope)
            guard let last = page.last else { return }
            try await body(page)
            guard page.count == pageSize else { return }
            after = last.person.id
        }
    }
}
