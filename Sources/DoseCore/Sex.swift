/// Sex as recorded for dose records and HSE returns.
public enum Sex: String, CaseIterable, Sendable, Codable {
    /// Female.
    case female = "F"
    /// Male.
    case male = "M"
    /// Another sex or indeterminate.
    case other = "X"
    /// Not known or not stated.
    case unknown = "U"
}
