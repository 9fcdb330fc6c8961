/// A named contact at a customer organisation (the lead, or the data-protection contact for breaches).
public struct Contact: Hashable, Sendable, Codable {
    /// The contact's name.
    public var name: String
    /// Their role, e.g. "Radiation Protection Supervisor" or "Caldicott Guardian".
    public var role: String?
    /// Their email address.
    public var email: String?
    /// Their telephone number.
    public var phone: String?

    /// Creates a contact.
    public init(name: String, role: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
    }
}
