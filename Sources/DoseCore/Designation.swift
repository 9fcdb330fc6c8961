/// How a worker is designated under IRR17 reg 21, which sets their dose limits and monitoring.
public enum Designation: String, CaseIterable, Sendable, Codable {
    /// Likely to exceed 6 mSv effective a year (or 15 mSv lens, 150 mSv skin); must be 18 or over.
    case classified
    /// Monitored but not classified.
    case nonClassified = "non-classified"
    /// A trainee aged 16 or 17.
    case trainee
    /// Works in another employer's controlled area.
    case outsideWorker = "outside-worker"
}

/// One designation held over a span of days, `from` through `to` inclusive (`to` is `nil` while open).
public struct DesignationPeriod: Hashable, Sendable, Codable {
    /// The designation held.
    public var designation: Designation
    /// The first day it applied.
    public var from: CalendarDate
    /// The last day it applied, or `nil` while it still applies.
    public var to: CalendarDate?

    /// Creates a period.
    public init(designation: Designation, from: CalendarDate, to: CalendarDate? = nil) {
        self.designation = designation
        self.from = from
        self.to = to
    }

    /// Whether the period covers `date`.
    public func contains(_ date: CalendarDate) -> Bool {
        from <= date && (to.map { date <= $0 } ?? true)
    }
}
