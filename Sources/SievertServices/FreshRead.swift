/// Runs a read-modify-write `change` again from a fresh read when another writer changed the record between its
/// read and its write, so that concurrent changes to one record all take effect instead of the last one silently
/// undoing the others. `change` reads the record, changes it, and writes it with the record as read in
/// `ChangeSet.readRecords`; the store refuses a stale one and writes nothing, which the use case's apply reports as
/// ``ServiceError/changedSinceRead``. Each try that loses the race is one other change that won, so `attempts`
/// concurrent changes of one record all succeed; past that the caller gets that error (a conflict) with nothing
/// written.
func withFreshRead<T>(attempts: Int = 5, _ change: () async throws -> T) async throws -> T {
    var attempt = 1
    while true {
        do {
            return try await change()
        } catch let error as ServiceError where error.isChangedSinceRead && attempt < attempts {
            attempt += 1
        }
    }
}
