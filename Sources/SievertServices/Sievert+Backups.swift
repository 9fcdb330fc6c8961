import Foundation
import SievertStorage

extension Sievert {
    /// Appends the audit event of a backup being made of this store (`backup.create`, subject `backup:ID`), before
    /// the snapshot is taken so that the backup carries its own event. Only the service operator may back up.
    public func recordBackup(_ backupID: UUID, by caller: Caller) async throws {
        try await recordBackupEvent("backup.create", backupID, purpose: "backup", by: caller)
    }

    /// Appends the audit event of this store having been restored from backup `backupID` (`backup.restore`), the
    /// first event after the restored log.
    public func recordRestore(_ backupID: UUID, by caller: Caller) async throws {
        try await recordBackupEvent("backup.restore", backupID, purpose: "restore", by: caller)
    }

    private func recordBackupEvent(_ action: String, _ backupID: UUID, purpose: String, by caller: Caller)
        async throws
    {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator backs up and restores the store")
        }
        var changes = ChangeSet()
        changes.auditEvents.append(
            AuditTrail.event(
                caller, action, subject: "backup:\(backupID.uuidString.lowercased())", organisation: nil,
                purpose: purpose, at: organisations.clock()))
        try await store.apply(changes, scope: caller.scope)
    }
}
