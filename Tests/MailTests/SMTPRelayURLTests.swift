import Testing

@testable import Mail

@Suite("SMTP relay URLs")
struct SMTPRelayURLTests {
    struct Good: Sendable, CustomTestStringConvertible {
        let text: String
        let security: SMTPRelayURL.Security
        let host: String
        let port: Int
        let user: String?
        let password: String?
        var testDescription: String { text }
    }

    static let good: [Good] = [
        Good(text: "smtp://localhost", security: .plain, host: "localhost", port: 25, user: nil, password: nil),
        Good(
            text: "smtp://relay.example.org:2525", security: .plain, host: "relay.example.org", port: 2525, user: nil,
            password: nil),
        Good(
            text: "SMTP://Relay.Example.ORG/", security: .plain, host: "relay.example.org", port: 25, user: nil,
            password: nil),
        Good(
            text: "smtps://relay.example.org", security: .implicitTLS, host: "relay.example.org", port: 465, user: nil,
            password: nil),
        Good(
            text: "smtp+starttls://relay.example.org", security: .startTLS, host: "relay.example.org", port: 587,
            user: nil, password: nil),
        Good(
            text: "smtp+starttls://alerts:s3cret@relay.example.org:2587", security: .startTLS,
            host: "relay.example.org", port: 2587, user: "alerts", password: "s3cret"),
        Good(
            text: "smtps://alerts%40example.org:p%3Ass%40w%2Frd%25@relay.example.org", security: .implicitTLS,
            host: "relay.example.org", port: 465, user: "alerts@example.org", password: "p:ss@w/rd%"),
        Good(
            text: "smtps://u:p%C3%A4ss@relay.example.org", security: .implicitTLS, host: "relay.example.org", port: 465,
            user: "u", password: "päss"),
        Good(
            text: "smtp://u:a:b@127.0.0.1:1025", security: .plain, host: "127.0.0.1", port: 1025, user: "u",
            password: "a:b"),
        Good(text: "smtp://[::1]:1025", security: .plain, host: "::1", port: 1025, user: nil, password: nil),
        Good(
            text: "smtps://[2001:db8::25]", security: .implicitTLS, host: "2001:db8::25", port: 465, user: nil,
            password: nil),
        Good(
            text: "smtp://[::ffff:127.0.0.1]", security: .plain, host: "::ffff:127.0.0.1", port: 25, user: nil,
            password: nil),
        Good(text: "smtp://mail:65535", security: .plain, host: "mail", port: 65_535, user: nil, password: nil),
    ]

    @Test("a good relay URL gives its security, host, port and decoded credentials", arguments: good)
    func parsesGoodURLs(_ expected: Good) throws {
        let url = try SMTPRelayURL(expected.text)
        #expect(url.security == expected.security)
        #expect(url.host == expected.host)
        #expect(url.port == expected.port)
        #expect(url.credentials?.user == expected.user)
        #expect(url.credentials?.password == expected.password)
    }

    /// A hostile input, shown in test output by its first 60 characters.
    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: SMTPRelayURLError
        init(_ text: String, _ expected: SMTPRelayURLError) {
            self.text = text
            self.expected = expected
        }
        var testDescription: String { Shown(text).testDescription }
    }

    static let bad: [Bad] = [
        Bad("", .empty),
        Bad("relay.example.org", .unsupportedScheme),
        Bad("smtp:relay.example.org", .unsupportedScheme),
        Bad("http://relay.example.org", .unsupportedScheme),
        Bad("smtp+tls://relay.example.org", .unsupportedScheme),
        Bad("ssmtp://relay.example.org", .unsupportedScheme),
        Bad("smtp://", .invalidHost),
        Bad("smtp://:25", .invalidHost),
        Bad("smtp://relay.example.org:", .invalidPort),
        Bad("smtp://relay.example.org:0", .invalidPort),
        Bad("smtp://relay.example.org:65536", .invalidPort),
        Bad("smtp://relay.example.org:-25", .invalidPort),
        Bad("smtp://relay.example.org:+25", .invalidPort),
        Bad("smtp://relay.example.org:025025", .invalidPort),
        Bad("smtp://relay.example.org:99999999999999999999999", .invalidPort),
        Bad("smtp://relay.example.org:2x", .invalidPort),
        Bad("smtp://relay.example.org:25:26", .invalidPort),
        Bad("smtp://relay.example.org/path", .unexpectedPath),
        Bad("smtp://relay.example.org?x=1", .unexpectedPath),
        Bad("smtp://relay.example.org#x", .unexpectedPath),
        Bad("smtp://relay..example.org", .invalidHost),
        Bad("smtp://-relay.example.org", .invalidHost),
        Bad("smtp://relay_1.example.org", .invalidHost),
        Bad("smtp://[::1", .invalidHost),
        Bad("smtp://[::1]x", .invalidHost),
        Bad("smtp://[relay]", .invalidHost),
        Bad("smtp://[1:2:3:4:5:6:7:8:9]", .invalidHost),
        Bad("smtp://[1::2::3]", .invalidHost),
        Bad("smtp://user@relay.example.org", .missingPassword),
        Bad("smtp://user:@relay.example.org", .missingPassword),
        Bad("smtp://:secret@relay.example.org", .invalidCredentials),
        Bad("smtp://a@b:c@relay.example.org", .invalidCredentials),
        Bad("smtp://user:pa%zzss@relay.example.org", .invalidPercentEncoding),
        Bad("smtp://user:pass%4@relay.example.org", .invalidPercentEncoding),
        Bad("smtp://user:%FF%FE@relay.example.org", .invalidPercentEncoding),
        Bad("smtp://user:a%00b@relay.example.org", .invalidCharacters),
        Bad("smtp://user:a%0D%0AQUIT@relay.example.org", .invalidCharacters),
        Bad("smtp://relay.example.org\r\nRCPT TO:<x@example.org>", .invalidCharacters),
        Bad("smtp://relay.example.org\0", .invalidCharacters),
        Bad("smtp://relay.example.org ", .invalidCharacters),
        Bad("smtp://rélay.example.org", .invalidCharacters),
        Bad("smtp://" + String(repeating: "a", count: 10_000) + ".example.org", .tooLong),
        Bad("smtp://user:" + String(repeating: "%41", count: 3_400) + "@relay.example.org", .tooLong),
        Bad("smtp://" + String(repeating: "a", count: 64) + ".example.org", .invalidHost),
        Bad("smtp://" + String(repeating: "abc.", count: 70) + "org", .invalidHost),
    ]

    @Test("a bad relay URL is refused with the reason that fits it", arguments: bad)
    func refusesBadURLs(_ bad: Bad) {
        #expect(throws: bad.expected) { try SMTPRelayURL(bad.text) }
    }

    @Test("the password shows in no description, debug description, dump or error")
    func passwordIsRedacted() throws {
        let url = try SMTPRelayURL("smtp+starttls://alerts:Hunter2-Secret@relay.example.org")
        let credentials = try #require(url.credentials)
        var dumped = ""
        dump(url, to: &dumped)
        for text in [
            url.description, url.debugDescription, "\(url)", String(reflecting: url), dumped, "\(credentials)",
            String(reflecting: credentials),
        ] {
            #expect(!text.contains("Hunter2"), "\(text)")
        }
        #expect(url.description == "smtp+starttls://alerts:***@relay.example.org:587")

        for hostile in ["smtp://alerts:Hunter2-Secret@", "smtp://alerts:Hunter2-Secret", "smtp://a:Hunter2-Secret@x/y"]
        {
            let error = #expect(throws: SMTPRelayURLError.self) { try SMTPRelayURL(hostile) }
            #expect(error.map { !"\($0)".contains("Hunter2") } ?? false)
        }
    }

    @Test("an IPv6 host is written back in brackets")
    func ipv6Description() throws {
        #expect(try SMTPRelayURL("smtp://[::1]:2525").description == "smtp://[::1]:2525")
    }

    @Test("only localhost, 127.0.0.0/8 and ::1 count as this machine")
    func loopback() throws {
        for text in ["smtp://localhost", "smtp://127.0.0.1", "smtp://127.1.2.3:2525", "smtp://[::1]"] {
            #expect(try SMTPRelayURL(text).isLoopback, "\(text)")
        }
        for text in ["smtp://relay.example.org", "smtp://127.0.0.1.example.org", "smtp://10.0.0.1", "smtp://[::2]"] {
            #expect(try !SMTPRelayURL(text).isLoopback, "\(text)")
        }
    }
}
