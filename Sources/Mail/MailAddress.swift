/// A plain `local@domain` mailbox: a dot-atom local part (RFC 5322 §3.4.1) and a DNS domain, ASCII only.
///
/// Display names, quoted local parts, comments, address literals and internationalised addresses are refused,
/// so an address can go into a header or an SMTP command as it is.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address, with the domain in lower case.
    public let value: String

    /// Checks `text`.
    public init(_ text: String) throws(MailMessageError) {
        // RFC 5321 §4.5.3.1: 64 octets of local part, 255 of domain, 254 for a whole forward path.
        guard text.utf8.count <= 254 else { throw .invalidAddress }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isDotAtom(parts[0]), parts[0].utf8.count <= 64, Self.isDomain(parts[1])
        else { throw .invalidAddress }
        value = parts[0] + "@" + parts[1].lowercased()
    }

    /// The domain part.
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@") ?? value.startIndex)...] }

    public var description: String { value }

    private static let atomSpecials = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    private static func isDotAtom(_ text: Substring) -> Bool {
        let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty
                && atom.utf8.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || atomSpecials.contains(byte)
                }
        }
    }

    private static func isDomain(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.utf8.allSatisfy { byte in
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                }
        }
    }
}
