import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import SievertServices

/// An RFC 9457 problem: what went wrong and, for invalid input, each field at fault.
public struct Problem: Error, Sendable, Codable, HTTPResponseError {
    /// One invalid field: a JSON pointer-like name and the reason.
    public struct FieldError: Sendable, Codable, Hashable {
        public var field: String
        public var reason: String
    }

    public var type: String
    public var title: String
    public var statusCode: Int
    public var detail: String?
    public var errors: [FieldError]?
    /// Seconds before a throttled client may try again (sent as `Retry-After`, not in the body).
    var retryAfter: Int?
    /// The methods a path does allow, for a 405 (sent as `Allow`, not in the body).
    var allow: String?

    enum CodingKeys: String, CodingKey {
        case type, title, detail, errors
        case statusCode = "status"
    }

    public init(status: HTTPResponse.Status, type: String, title: String, detail: String?, errors: [FieldError]? = nil)
    {
        self.statusCode = status.code
        self.type = "https://sievert.invalid/problems/" + type
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    public var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        headers[.cacheControl] = "no-store"
        if statusCode == 401 { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let allow { headers[.allow] = allow }
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(self))))
    }

    static let unauthorized = Problem(
        status: .unauthorized, type: "unauthorized", title: "Authentication required",
        detail: "sign in, or send a valid token as 'Authorization: Bearer <token>'")

    static func invalid(_ errors: [ValidationError]) -> Problem {
        Problem(
            status: .unprocessableContent, type: "invalid", title: "The request has invalid fields",
            detail: errors.map(\.description).joined(separator: "; "),
            errors: errors.map { FieldError(field: $0.field, reason: $0.reason) })
    }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(
            status: .badRequest, type: "bad-request", title: "The request could not be read", detail: detail,
            errors: field.map { [FieldError(field: $0, reason: detail)] })
    }

    /// The problem for any error a handler throws; unknown errors become a 500 with no internals.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as ServiceError:
            switch error.code {
            case "not-found":
                return Problem(status: .notFound, type: "not-found", title: "Not found", detail: error.description)
            case "forbidden":
                return Problem(status: .forbidden, type: "forbidden", title: "Forbidden", detail: error.description)
            case "invalid": return .invalid(error.validationErrors)
            case "conflict":
                return Problem(status: .conflict, type: "conflict", title: "Conflict", detail: error.description)
            case "unauthenticated":
                return Problem(
                    status: .unauthorized, type: "unauthorized", title: "Authentication failed",
                    detail: error.description)
            case "throttled":
                var problem = Problem(
                    status: .tooManyRequests, type: "throttled", title: "Too many attempts", detail: error.description)
                problem.retryAfter = error.retryAfterSeconds
                return problem
            default:
                return Problem(
                    status: .serviceUnavailable, type: "unavailable", title: "Service unavailable",
                    detail: "a dependency failed; try again")
            }
        case let error as DecodingError:
            return JSONBodyProblem.from(error)
        case let error as HTTPError:
            return Problem(
                status: error.status, type: "http-\(error.status.code)", title: error.status.reasonPhrase,
                detail: error.body)
        default:
            return Problem(
                status: .internalServerError, type: "internal", title: "Internal error",
                detail: "the error was logged with the request id")
        }
    }
}
