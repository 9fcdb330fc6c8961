/// The class of person IRR17 Schedule 3 sets dose limits for.
public enum WorkerClass: String, CaseIterable, Sendable, Codable {
    /// An employee aged 18 or over.
    case employee
    /// A trainee aged under 18.
    case trainee
    /// Any other person: a member of the public, or an employee under 18 who is not a trainee.
    case otherPerson = "other-person"

    /// The class of an employee designated `designation` (or not designated, `nil`) who was born on
    /// `dateOfBirth`, on `date`.
    ///
    /// Every employee of 18 or over is an `employee` whatever their designation, including a trainee who has
    /// turned 18; under 18, only a trainee is a `trainee`; anyone else under 18 is an `otherPerson`.
    public init(designation: Designation?, dateOfBirth: CalendarDate, on date: CalendarDate) {
        // IRR17 Sch. 3: the employee limits apply from 18 whatever the designation; under 18, only trainees
        // get the trainee limits and every other young person the limits for other persons.
        if dateOfBirth.age(on: date) >= 18 {
            self = .employee
        } else if designation == .trainee {
            self = .trainee
        } else {
            self = .otherPerson
        }
    }

    /// Whether `designation` makes the wearer a classified person (IRR17 reg 21). An outside worker's
    /// designation does not say whether they are classified, so it counts as not classified here: the only
    /// effect is that the classification prompt may be shown for them.
    public static func isClassified(_ designation: Designation?) -> Bool {
        designation == .classified
    }
}
