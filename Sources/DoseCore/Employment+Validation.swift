extension Employment {
    /// The longest staff number accepted.
    public static let maximumStaffNumberLength = 32
    /// The longest department name accepted, in characters.
    public static let maximumDepartmentLength = 100

    /// Trims `raw`, collapses inner spaces and upper-cases it (staff numbers are looked up exactly, so
    /// `ab-12` and `AB-12` must be one number). Accepts ASCII letters, digits, `-`, `_`, `/` and inner
    /// spaces, at most 32 characters.
    public static func normaliseStaffNumber(_ raw: String) throws(ValidationError) -> String {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "staffNumber", reason: reason) }
        let collapsed = raw.collapsingWhitespace()
        guard !collapsed.isEmpty else { throw fail("must not be empty") }
        guard collapsed.utf8.count <= maximumStaffNumberLength else {
            throw fail("a staff number has at most \(maximumStaffNumberLength) characters")
        }
        var bytes: [UInt8] = []
        for byte in collapsed.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: " "):
                bytes.append(byte)
            default:
                throw fail("a staff number may only contain letters, digits, spaces, '-', '_' and '/'")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Checks every rule and throws all failures together: the end not before the start; the staff
    /// number and department in their normal shape; designations inside the employment and meeting the
    /// age rules for `dateOfBirth` (when known); pregnancies inside the employment, each ending after it
    /// was declared, not overlapping, only the last open; special authorisations oldest first, not overlapping.
    public func validate(dateOfBirth: CalendarDate?) throws(ValidationErrors) {
        var errors: [ValidationError] = []
        if let end, end < start {
            errors.append(ValidationError(field: "end", reason: "must not be before the start \(start.iso)"))
        }
        if let staffNumber {
            do {
                let normal = try Self.normaliseStaffNumber(staffNumber)
                if normal != staffNumber {
                    errors.append(ValidationError(field: "staffNumber", reason: "must be trimmed and in upper case"))
                }
            } catch {
                errors.append(error)
            }
        }
        if let department {
            do {
                let normal = try PersonIdentity.normaliseName(department, field: "department")
                if normal != department {
                    errors.append(ValidationError(field: "department", reason: "must not have extra spaces"))
                }
            } catch {
                errors.append(error)
            }
        }
        errors += designationErrors(dateOfBirth: dateOfBirth)
        errors += pregnancyErrors()
        for (earlier, later) in zip(specialAuthorisations, specialAuthorisations.dropFirst())
        where later.firstYear <= earlier.years.upperBound {
            errors.append(
                ValidationError(
                    field: "specialAuthorisations", reason: "authorisations must be oldest first and not overlap"))
        }
        if !errors.isEmpty {
            throw ValidationErrors(errors)
        }
    }

    private func designationErrors(dateOfBirth: CalendarDate?) -> [ValidationError] {
        var errors: [ValidationError] = []
        if let first = designations.periods.first, first.from < start {
            errors.append(
                ValidationError(field: "designation", reason: "must not start before the employment starts"))
        }
        if let end, designations.periods.contains(where: { $0.to.map { $0 > end } ?? true }) {
            errors.append(ValidationError(field: "designation", reason: "must end by the employment's end \(end.iso)"))
        }
        if let dateOfBirth {
            errors += designations.ageErrors(dateOfBirth: dateOfBirth)
        }
        return errors
    }

    private func pregnancyErrors() -> [ValidationError] {
        var errors: [ValidationError] = []
        func fail(_ reason: String) { errors.append(ValidationError(field: "pregnancies", reason: reason)) }
        for (index, pregnancy) in pregnancies.enumerated() {
            if pregnancy.declared < start || (end.map { pregnancy.declared > $0 } ?? false) {
                fail("a pregnancy must be declared during the employment")
            }
            if let ended = pregnancy.ended, ended < pregnancy.declared {
                fail("a pregnancy cannot end before it was declared")
            }
            if index > 0 {
                let previous = pregnancies[index - 1]
                guard let previousEnd = previous.ended else {
                    fail("only the latest pregnancy declaration can be open")
                    continue
                }
                if pregnancy.declared <= previousEnd {
                    fail("pregnancy declarations must not overlap")
                }
            }
        }
        return errors
    }
}
