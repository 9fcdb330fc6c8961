extension DoseEntry {
    /// The entries that still count, in their original order: every entry that no other entry in
    /// `entries` supersedes. Following a chain of corrections A ← B ← C leaves only C.
    public static func current(_ entries: some Sequence<DoseEntry>) -> [DoseEntry] {
        let all = Array(entries)
        let superseded = Set(all.compactMap(\.supersedes))
        return all.filter { !superseded.contains($0.id) }
    }

    /// Every way `entries` break the rules of an append-only record, in order: a repeated id; a correction
    /// of an entry that is not there, that belongs to another employment, or that was recorded after the
    /// correction; two corrections of one entry; a chain of corrections that loops.
    public static func supersessionErrors(in entries: [DoseEntry]) -> [ValidationError] {
        func problem(_ reason: String) -> ValidationError { ValidationError(field: "supersedes", reason: reason) }
        var errors: [ValidationError] = []
        var byID: [DoseEntryID: DoseEntry] = [:]
        for entry in entries {
            if byID.updateValue(entry, forKey: entry.id) != nil {
                errors.append(ValidationError(field: "id", reason: "entry \(entry.id) appears more than once"))
            }
        }
        var correctedBy: [DoseEntryID: DoseEntryID] = [:]
        for entry in entries {
            guard let target = entry.supersedes else { continue }
            guard let original = byID[target] else {
                errors.append(problem("entry \(entry.id) supersedes \(target), which is not in the record"))
                continue
            }
            // The dose of record belongs to the employer (IRR17 reg 22): one employer cannot correct another's.
            if original.employmentID != entry.employmentID {
                errors.append(problem("entry \(entry.id) supersedes \(target) from another employment"))
            }
            if original.recordedAt > entry.recordedAt {
                errors.append(problem("entry \(entry.id) supersedes \(target), which was recorded after it"))
            }
            if let earlier = correctedBy.updateValue(entry.id, forKey: target), earlier != entry.id {
                errors.append(problem("entries \(earlier) and \(entry.id) both supersede \(target)"))
            }
        }
        // Each entry is walked once: a chain that reaches an entry already settled stops there.
        var settled: Set<DoseEntryID> = []
        for entry in entries where !settled.contains(entry.id) {
            var path: [DoseEntryID] = [entry.id]
            var onPath: Set<DoseEntryID> = [entry.id]
            var next = entry.supersedes
            while let step = next, !settled.contains(step), let stepEntry = byID[step] {
                guard onPath.insert(step).inserted else {
                    errors.append(problem("the corrections through \(step) form a loop"))
                    break
                }
                path.append(step)
                next = stepEntry.supersedes
            }
            settled.formUnion(path)
        }
        return errors
    }
}
