/// The designations an employment has held, oldest first, never overlapping; only the last may be open.
public struct DesignationHistory: Hashable, Sendable, Codable {
    /// The periods, oldest first.
    public private(set) var periods: [DesignationPeriod]

    /// An empty history.
    public init() {
        periods = []
    }

    /// A history of `periods`, checked to be in order, each ending on or after it starts, not overlapping,
    /// and with only the last one open.
    public init(periods: [DesignationPeriod]) throws(ValidationError) {
        for (index, period) in periods.enumerated() {
            if let to = period.to, to < period.from {
                throw Self.error("a designation cannot end before it starts")
            }
            if period.to == nil, index != periods.count - 1 {
                throw Self.error("only the latest designation can be open")
            }
            if index > 0, let previousEnd = periods[index - 1].to, period.from <= previousEnd {
                throw Self.error("designations must not overlap")
            }
        }
        self.periods = periods
    }

    /// The period still open, if any.
    public var current: DesignationPeriod? {
        periods.last.flatMap { $0.to == nil ? $0 : nil }
    }

    /// The designation held on `date`, or `nil` if none was.
    public func designation(on date: CalendarDate) -> Designation? {
        periods.last { $0.contains(date) }?.designation
    }

    /// The history with `designation` starting on `from`: the open period (if any) closes the day
    /// before. A change on the same day as the last period's start replaces that period; re-stating the
    /// designation already open changes nothing. Refuses a start before the last period's start, or on or
    /// before the end of a closed last period. When `dateOfBirth` is given, checks the age rules too.
    public func designating(
        _ designation: Designation, from: CalendarDate, dateOfBirth: CalendarDate? = nil
    ) throws(ValidationError) -> DesignationHistory {
        if let dateOfBirth {
            try Self.checkAge(designation, from: from, dateOfBirth: dateOfBirth)
        }
        var periods = periods
        if let last = periods.last {
            if from < last.from {
                throw Self.error("a new designation cannot start before \(last.from.iso), when the last one started")
            }
            if let end = last.to {
                guard from > end else {
                    throw Self.error("a new designation must start after \(end.iso), when the last one ended")
                }
            } else if last.designation == designation {
                return self
            } else if from == last.from {
                periods.removeLast()
            } else {
                guard let dayBefore = from.adding(days: -1) else {
                    throw Self.error("a new designation cannot start on the first representable day")
                }
                periods[periods.count - 1].to = dayBefore
            }
        }
        periods.append(DesignationPeriod(designation: designation, from: from))
        var history = DesignationHistory()
        history.periods = periods
        return history
    }

    /// The history with its open period (if any) closed on `date`. Refuses a date before that period
    /// started.
    public func closing(on date: CalendarDate) throws(ValidationError) -> DesignationHistory {
        guard let open = current else { return self }
        guard date >= open.from else {
            throw Self.error("the designation cannot end before it started on \(open.from.iso)")
        }
        var history = self
        history.periods[history.periods.count - 1].to = date
        return history
    }

    /// Every period that breaks an age rule for someone born on `dateOfBirth`: classified needs age 18 on
    /// the start date, trainee needs age 16 or 17.
    public func ageErrors(dateOfBirth: CalendarDate) -> [ValidationError] {
        var errors: [ValidationError] = []
        for period in periods {
            do {
                try Self.checkAge(period.designation, from: period.from, dateOfBirth: dateOfBirth)
            } catch {
                errors.append(error)
            }
        }
        return errors
    }

    /// Decodes the periods, checking them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try Self(periods: container.decode([DesignationPeriod].self))
    }

    /// Encodes as the array of periods.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(periods)
    }

    private static func checkAge(
        _ designation: Designation, from: CalendarDate, dateOfBirth: CalendarDate
    ) throws(ValidationError) {
        let age = dateOfBirth.age(on: from)
        switch designation {
        case .classified where age < 18:
            throw error("a classified person must be 18 or over on \(from.iso)")
        case .trainee where !(16..<18).contains(age):
            throw error("a trainee must be 16 or 17 on \(from.iso)")
        default:
            return
        }
    }

    private static func error(_ reason: String) -> ValidationError {
        ValidationError(field: "designation", reason: reason)
    }
}
