/// Groups records into people from the accepted pairs: connected components built best pair first, refusing any
/// merge of two groups whose NINOs all clearly differ, or whose dates of birth do when the merge runs through a
/// record without one.
///
/// Plain connected components chain: A–B and B–C join A and C even when A and C disagree on every strong
/// identifier (Christen, "Data Matching", §6.8 on transitive closure). Merging in order of decreasing weight with
/// these cannot-link constraints keeps each chain at its strongest links.
enum ConstrainedClustering {
    /// An accepted pair with its total weight.
    struct Edge {
        var left: Int32
        var right: Int32
        var weight: Double
    }

    /// The cluster of every record, as the index of one of its members; also how many merges were refused.
    static func cluster(count: Int, edges: [Edge], records: PreparedRecords) -> (roots: [Int32], refused: Int) {
        var parent = (0..<count).map { Int32($0) }
        var size = [Int32](repeating: 1, count: count)
        // The distinct NINOs and dates of birth of each merged cluster, by root; a record never merged is read
        // from its own columns, so a million singletons cost nothing here.
        var ninos: [Int: [Int32]] = [:]
        var dates: [Int: [Int32]] = [:]
        func ninoValues(_ root: Int) -> [Int32] {
            ninos[root] ?? (records.nino[root] >= 0 ? [records.nino[root]] : [])
        }
        func dateValues(_ root: Int) -> [Int32] {
            dates[root] ?? (records.dateOfBirth[root] != 0 ? [records.dateOfBirth[root]] : [])
        }
        func find(_ x: Int32) -> Int32 {
            var root = x
            while parent[Int(root)] != root { root = parent[Int(root)] }
            var node = x
            while parent[Int(node)] != root {
                let next = parent[Int(node)]
                parent[Int(node)] = root
                node = next
            }
            return root
        }
        let ordered = edges.sorted {
            $0.weight != $1.weight ? $0.weight > $1.weight : ($0.left, $0.right) < ($1.left, $1.right)
        }
        var refused = 0
        for edge in ordered {
            var a = Int(find(edge.left))
            var b = Int(find(edge.right))
            if a == b { continue }
            let (ninosA, ninosB, datesA, datesB) = (ninoValues(a), ninoValues(b), dateValues(a), dateValues(b))
            // Dates of birth are keyed wrongly far more often than NINOs, and a pair that had both dates was
            // already weighed on them; so dates guard only merges through a record without one, the way chains
            // form.
            let chainsThroughMissingDate =
                records.dateOfBirth[Int(edge.left)] == 0 || records.dateOfBirth[Int(edge.right)] == 0
            if conflicts(ninosA, ninosB, records: records, compare: ninoDiffers)
                || (chainsThroughMissingDate && conflicts(datesA, datesB, records: records, compare: dateDiffers))
            {
                refused += 1
                continue
            }
            if size[a] < size[b] { swap(&a, &b) }
            parent[b] = Int32(a)
            size[a] += size[b]
            ninos[a] = merged(ninosA, ninosB)
            dates[a] = merged(datesA, datesB)
            ninos[b] = nil
            dates[b] = nil
        }
        return ((0..<count).map { find(Int32($0)) }, refused)
    }

    // Two clusters conflict only when every value of one differs clearly from every value of the other: a
    // cluster that already holds a mistyped NINO or date still joins the cluster holding the right one.
    private static func conflicts(
        _ a: [Int32], _ b: [Int32], records: PreparedRecords, compare: (Int32, Int32, PreparedRecords) -> Bool
    ) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        for x in a {
            for y in b where x == y || !compare(x, y, records) { return false }
        }
        return true
    }

    private static func ninoDiffers(_ a: Int32, _ b: Int32, _ records: PreparedRecords) -> Bool {
        Comparators.nino(records.values[a], records.values[b]) == .different
    }

    private static func dateDiffers(_ a: Int32, _ b: Int32, _ records: PreparedRecords) -> Bool {
        Comparators.date(LinkageDate(packed: a), LinkageDate(packed: b)) == .different
    }

    private static func merged(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result = a
        for value in b where !result.contains(value) { result.append(value) }
        return result
    }
}
