/// Collects the problems of a whole-file validation, keeping at most `limit` and counting the rest.
struct CSVProblemCollector {
    let limit: Int
    private(set) var problems: [CSVProblem] = []
    private(set) var truncated = 0

    init(limit: Int) {
        self.limit = limit
    }

    var isEmpty: Bool { problems.isEmpty && truncated == 0 }

    mutating func report(_ problem: CSVProblem) {
        if problems.count < limit {
            problems.append(problem)
        } else {
            truncated += 1
        }
    }
}
