import Foundation

/// The reports the dosimetry service owes its customers and HSE, each a use case of its own.
public struct Reports: Sendable {
    /// The periodic dose report of an organisation for a wear month.
    public let period: PeriodDoseReports
    /// The annual summary of an organisation with the last five years.
    public let annual: AnnualDoseSummaries
    /// The termination record of a classified person's employment.
    public let termination: TerminationRecords
    /// The annual return of classified persons' doses to CIDI.
    public let cidi: CIDIReturns

    init(people: PeopleService, clock: @escaping @Sendable () -> Date) {
        period = PeriodDoseReports(people: people, clock: clock)
        annual = AnnualDoseSummaries(people: people, clock: clock)
        termination = TerminationRecords(people: people, clock: clock)
        cidi = CIDIReturns(people: people, clock: clock)
    }
}
