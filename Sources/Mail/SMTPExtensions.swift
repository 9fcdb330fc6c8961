/// The service extensions a relay announced in its EHLO reply (RFC 5321 §4.1.1.1), keyed by upper-case keyword.
struct SMTPExtensions: Hashable, Sendable {
    private var parameters: [String: [String]] = [:]

    /// No extensions: the relay answered HELO, not EHLO.
    static let none = SMTPExtensions()

    private init() {}

    /// The extensions in a positive EHLO reply; its first line is the relay's greeting, not an extension.
    init(ehloReply reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            // Old servers announce `AUTH=LOGIN PLAIN` beside `AUTH LOGIN PLAIN`: the lists are merged.
            parameters[keyword, default: []] += words.dropFirst().map { $0.uppercased() }
        }
    }

    func contains(_ keyword: String) -> Bool { parameters[keyword] != nil }

    /// The SASL mechanisms listed by AUTH.
    var authMechanisms: Set<String> { Set(parameters["AUTH"] ?? []) }
}
