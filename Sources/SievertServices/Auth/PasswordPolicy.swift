import Foundation

/// The password rules of OWASP ASVS 5.0 §6.2: at least 12 characters, up to 256 accepted, no composition rules,
/// and never a password from the shipped list of common and breached passwords or the account's own login name.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 256

    /// The reason `password` is refused, or nil when it is acceptable.
    public static func problem(with password: String, login: String?) -> String? {
        let length = password.count
        if length < minimumLength { return "must be at least \(minimumLength) characters" }
        if length > maximumLength { return "must be at most \(maximumLength) characters" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not contain control characters"
        }
        let folded = password.lowercased()
        if CommonPasswords.contains(folded) { return "is too common: it appears in lists of breached passwords" }
        if let login, folded == login.lowercased() { return "must not be the login name" }
        return nil
    }
}

/// The list of common passwords shipped as a resource (see `Resources/common-passwords.LICENSE`).
public enum CommonPasswords {
    private static let list: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(text.split(separator: "\n").map { String($0) })
    }()

    /// Number of passwords in the list (a test checks the resource shipped whole).
    public static var count: Int { list.count }

    /// Whether the lower-cased password is on the list.
    public static func contains(_ folded: String) -> Bool { list.contains(folded) }
}
