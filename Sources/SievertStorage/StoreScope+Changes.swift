import DoseCore

extension StoreScope {
    /// Throws `StoreError.outOfScope` unless every data row of `changes` belongs to an organisation in scope.
    ///
    /// Both stores call this first; PostgreSQL's row-level security then enforces the same rule again
    /// in the database, so a bug here cannot leak across tenants there.
    public func check(_ changes: ChangeSet) throws(StoreError) {
        if changes.touchesAccounts, organisations != .all { throw .outOfScope }
        if !changes.keyMaintenance.serviceKeyRewraps.isEmpty, organisations != .all { throw .outOfScope }
        if !(changes.newIncidents.isEmpty && changes.incidentUpdates.isEmpty), organisations != .all {
            throw .outOfScope
        }
        for organisation in changes.touchedOrganisations where !permits(organisation) {
            throw .outOfScope
        }
        for event in changes.auditEvents {
            if let organisation = event.organisationID, !permits(organisation) { throw .outOfScope }
        }
    }
}
