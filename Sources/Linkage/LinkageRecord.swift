/// One person record as an organisation sent it: plain text values, cleansed by this library, never by the caller.
///
/// Every field but ``recordID`` and ``organisation`` may be missing. The fields mirror the people CSV
/// (`record_id … updated_at`) so a caller maps a row one to one.
public struct LinkageRecord: Hashable, Sendable {
    /// The sender's identifier for the record, unique within one run.
    public var recordID: String
    /// The organisation that sent the record, e.g. `VEL`.
    public var organisation: String
    /// The employer's staff number.
    public var staffNumber: String?
    /// Given names, space separated; may arrive as `Surname, Forenames` in either name field.
    public var forenames: String?
    /// Family name.
    public var surname: String?
    /// Date of birth.
    public var dateOfBirth: LinkageDate?
    /// Sex as written (`F`, `M`, `female` …); anything unrecognised counts as missing.
    public var sex: String?
    /// National Insurance number as written.
    public var nino: String?
    /// Email address.
    public var email: String?
    /// Telephone number.
    public var phone: String?
    /// Postal address without the postcode.
    public var address: String?
    /// Postcode.
    public var postcode: String?
    /// Status as written: `active`, `left` or `deceased`.
    public var status: String?
    /// Date of death.
    public var dateOfDeath: LinkageDate?
    /// When the sender last changed the record, ISO 8601 (`2021-03-04T10:00:00Z`); used to pick the contact record.
    public var updatedAt: String?
    /// Whether the sender marked this record as a canary (a planted record that must never be treated as a person).
    public var isCanary: Bool

    /// Creates a record.
    public init(
        recordID: String,
        organisation: String,
        staffNumber: String? = nil,
        forenames: String? = nil,
        surname: String? = nil,
        dateOfBirth: LinkageDate? = nil,
        sex: String? = nil,
        nino: String? = nil,
        email: String? = nil,
        phone: String? = nil,
        address: String? = nil,
        postcode: String? = nil,
        status: String? = nil,
        dateOfDeath: LinkageDate? = nil,
        updatedAt: String? = nil,
        isCanary: Bool = false
    ) {
        self.recordID = recordID
        self.organisation = organisation
        self.staffNumber = staffNumber
        self.forenames = forenames
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nino = nino
        self.email = email
        self.phone = phone
        self.address = address
        self.postcode = postcode
        self.status = status
        self.dateOfDeath = dateOfDeath
        self.updatedAt = updatedAt
        self.isCanary = isCanary
    }
}
