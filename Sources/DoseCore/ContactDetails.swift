/// How to reach a person. Every field is optional; the normalisers in this type check each one.
public struct ContactDetails: Hashable, Sendable, Codable {
    /// Email address.
    public var email: String?
    /// Telephone number.
    public var phone: String?
    /// Postal address without the postcode, one line, parts separated by ", ".
    public var address: String?
    /// UK postcode, e.g. `CF14 2TL`.
    public var postcode: String?

    /// Creates contact details.
    public init(email: String? = nil, phone: String? = nil, address: String? = nil, postcode: String? = nil) {
        self.email = email
        self.phone = phone
        self.address = address
        self.postcode = postcode
    }

    /// Every field that fails its normaliser, in field order; empty when all are valid.
    public func validationErrors() -> [ValidationError] {
        var errors: [ValidationError] = []
        func check(_ value: String?, _ normalise: (String) throws(ValidationError) -> String) {
            guard let value else { return }
            do {
                _ = try normalise(value)
            } catch {
                errors.append(error)
            }
        }
        check(email, Self.normaliseEmail)
        check(phone, Self.normalisePhone)
        check(address, Self.normaliseAddress)
        check(postcode, Self.normalisePostcode)
        return errors
    }
}
