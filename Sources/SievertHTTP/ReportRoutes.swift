import DoseCore
import HTTPTypes
import Hummingbird
import NIOCore
import SievertServices

/// The reports the service owes: an organisation's periodic dose report and annual summary, a classified person's
/// termination record, and the CIDI return to HSE.
struct ReportRoutes {
    let sievert: Sievert

    static let organisationReport = RoutePolicy.only(.rpsAdmin, .orgLead, object: .organisation(parameter: "code"))
    static let cidi = RoutePolicy.only(.rpsAdmin, object: .service)

    func register(on routes: SecuredRoutes) {
        routes.get("organisations/:code/reports/period", Self.organisationReport) { request, context in
            let query = request.uri.queryParameters
            let format = try ReportFormat.parse(
                query.get("format"), default: .json, allowed: [.csv, .html, .json])
            let report = try await sievert.reports.period.report(
                organisationCode: try context.parameters.require("code"), period: try Self.required("period", request),
                by: try context.requireCaller())
            return ReportResponse(document: try report.document(format))
        }
        routes.get("organisations/:code/reports/annual", Self.organisationReport) { request, context in
            let query = request.uri.queryParameters
            let format = try ReportFormat.parse(
                query.get("format"), default: .json, allowed: [.csv, .html, .json])
            let summary = try await sievert.reports.annual.summary(
                organisationCode: try context.parameters.require("code"), year: try Self.required("year", request),
                by: try context.requireCaller())
            return ReportResponse(document: try summary.document(format))
        }
        routes.get("people/:id/employments/:employment/termination-record", PeopleRoutes.read) { request, context in
            let person: PersonID = try context.parameters.identifier("id")
            let employment: EmploymentID = try context.parameters.identifier("employment")
            let format = try ReportFormat.parse(
                request.uri.queryParameters.get("format"), default: .json, allowed: [.html, .json])
            let record = try await sievert.reports.termination.record(
                employment: employment, person: person, by: try context.requireCaller())
            return ReportResponse(document: try record.document(format))
        }
        routes.get("exports/cidi", Self.cidi) { request, context in
            let export = try await sievert.reports.cidi.export(
                year: try Self.required("year", request), by: try context.requireCaller())
            return ReportResponse(document: export.document)
        }
    }

    static func required(_ name: String, _ request: Request) throws -> String {
        guard let value = request.uri.queryParameters.get(name) else {
            throw Problem.invalid([ValidationError(field: name, reason: "is required")])
        }
        return value
    }
}

/// A rendered report as a response: CSV as an attachment, HTML with a policy that allows no script or external
/// asset at all, JSON as is.
struct ReportResponse: ResponseGenerator {
    var document: ReportDocument

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = document.contentType
        headers[.xContentTypeOptions] = "nosniff"
        if document.contentType.hasPrefix("text/csv") {
            headers[.contentDisposition] = "attachment; filename=\"\(document.fileName)\""
        }
        if document.contentType.hasPrefix("text/html") {
            headers[.contentSecurityPolicy] =
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document.bytes)))
    }
}
