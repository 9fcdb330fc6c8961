/// Neutralises CSV cells that a spreadsheet would run as a formula (CSV injection, OWASP): a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, which spreadsheets show as text.
///
/// For files people open in a spreadsheet (reports, returns), not for files that are read back as data.
public enum SpreadsheetSafe {
    /// `text`, prefixed with `'` when its first character could start a formula.
    public static func cell(_ text: String) -> String {
        guard let first = text.utf8.first, triggers.contains(first) else { return text }
        return "'" + text
    }

    /// Every cell of `row` made safe.
    public static func row(_ row: [String]) -> [String] {
        row.map(cell)
    }

    private static let triggers: Set<UInt8> = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D,
    ]
}
