import DoseCore
import Foundation

/// What registering a person (with their first employment) needs; the API's request body.
public struct NewPerson: Sendable, Codable {
    public var forenames: String?
    public var surname: String
    public var dateOfBirth: String?
    public var sex: String?
    public var nino: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var postcode: String?
    public var staffNumber: String?
    public var department: String?
    public var startDate: String?
    public var designation: String?
    /// A canary: a flagged dummy wearer, hidden from lists and exports, whose every read raises an alert.
    /// Only the service operator plants them.
    public var canary: Bool?

    public init(surname: String) { self.surname = surname }
}

/// What opening another employment (dose record) for an existing person needs.
public struct NewEmployment: Sendable, Codable {
    public var staffNumber: String?
    public var department: String?
    public var startDate: String?
    public var designation: String?

    public init(
        staffNumber: String? = nil, department: String? = nil, startDate: String? = nil, designation: String? = nil
    ) {
        self.staffNumber = staffNumber
        self.department = department
        self.startDate = startDate
        self.designation = designation
    }
}

/// New contact details: a field left out is unchanged, an empty string clears it.
public struct ContactPatch: Sendable, Codable {
    public var email: String?
    public var phone: String?
    public var address: String?
    public var postcode: String?

    public init(email: String? = nil, phone: String? = nil, address: String? = nil, postcode: String? = nil) {
        self.email = email
        self.phone = phone
        self.address = address
        self.postcode = postcode
    }
}

/// Collects validation errors field by field, so a request reports every fault at once.
struct FieldValidator {
    var errors: [ValidationError] = []

    mutating func optional<T>(_ field: String, _ text: String?, _ parse: (String) throws -> T) -> T? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        do {
            return try parse(text)
        } catch let error as ValidationError {
            errors.append(ValidationError(field: field, reason: error.reason))
        } catch let error as NINOError {
            errors.append(ValidationError(field: field, reason: error.reason))
        } catch {
            errors.append(ValidationError(field: field, reason: "is not valid"))
        }
        return nil
    }

    mutating func date(_ field: String, _ text: String?) -> CalendarDate? {
        optional(field, text) { try CalendarDate(iso: $0.trimmingCharacters(in: .whitespaces)) }
    }

    /// A date that must be given: its parse error, or "is required" when absent or blank.
    mutating func requiredDate(_ field: String, _ text: String?) -> CalendarDate? {
        let date = date(field, text)
        check(date != nil || errors.contains { $0.field == field }, field, "is required")
        return date
    }

    /// A designation by its name, if given.
    mutating func designation(_ field: String, _ text: String?) -> Designation? {
        optional(field, text) { text -> Designation in
            guard let value = Designation(rawValue: text) else {
                throw ValidationError(
                    field: field,
                    reason: "must be one of \(Designation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
    }

    mutating func check(_ condition: Bool, _ field: String, _ reason: String) {
        if !condition { errors.append(ValidationError(field: field, reason: reason)) }
    }

    func finish() throws(ServiceError) {
        if !errors.isEmpty { throw .invalid(errors) }
    }
}

extension ContactDetails {
    /// Applies a patch with the DoseCore normalisers, collecting errors into `validator`.
    func patched(with patch: ContactPatch, _ validator: inout FieldValidator) -> ContactDetails {
        var result = self
        func apply(_ value: String?, _ field: String, _ normalise: (String) throws -> String) -> String?? {
            guard let value else { return .none }
            if value.trimmingCharacters(in: .whitespaces).isEmpty { return .some(nil) }
            return .some(validator.optional(field, value, normalise))
        }
        if case .some(let email) = apply(patch.email, "email", ContactDetails.normaliseEmail) { result.email = email }
        if case .some(let phone) = apply(patch.phone, "phone", ContactDetails.normalisePhone) { result.phone = phone }
        if case .some(let address) = apply(patch.address, "address", ContactDetails.normaliseAddress) {
            result.address = address
        }
        if case .some(let postcode) = apply(patch.postcode, "postcode", ContactDetails.normalisePostcode) {
            result.postcode = postcode
        }
        return result
    }
}
