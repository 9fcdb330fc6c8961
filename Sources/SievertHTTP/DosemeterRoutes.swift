import DoseCore
import Hummingbird
import SievertServices

/// Dosemeters and wear periods of an organisation: inventory, monitoring assignments, dosimetry settings, issue
/// lists (as JSON for managers, as the pseudonymous lab file for the lab), returns and the unreturned list.
struct DosemeterRoutes {
    let sievert: Sievert

    static let manage = RoutePolicy.only(.rpsAdmin, .orgLead, object: .organisation(parameter: "code"))
    static let dispatch = RoutePolicy.only(.rpsAdmin, .orgLead, .lab, object: .organisation(parameter: "code"))

    struct Assignments: Codable {
        var assignments: [NewAssignment]
    }

    struct IssueRequest: Codable {
        /// `YYYY-MM`: issue for the wear periods beginning in this month.
        var month: String
    }

    struct EndRequest: Codable {
        /// `YYYY-MM-DD`; today when absent.
        var on: String?
    }

    func register(on routes: SecuredRoutes) {
        routes.post("organisations/:code/dosemeters", Self.manage) { request, context in
            let input = try await request.decodeJSON(NewDosemeters.self, context: context)
            let code = try context.parameters.require("code")
            return JSON(
                value: try await sievert.dosemeters.receive(input, organisation: code, by: try context.requireCaller()),
                status: .created)
        }
        routes.get("organisations/:code/dosemeters", Self.manage) { _, context in
            let code = try context.parameters.require("code")
            return JSON(
                value: try await sievert.dosemeters.inventory(organisation: code, by: try context.requireCaller()))
        }
        routes.post("organisations/:code/assignments", Self.manage) { request, context in
            let input = try await request.decodeJSON(Assignments.self, context: context)
            return JSON(
                value: try await sievert.dosemeters.assign(
                    input.assignments, organisation: try context.parameters.require("code"),
                    by: try context.requireCaller()),
                status: .created)
        }
        routes.get("organisations/:code/assignments", Self.manage) { _, context in
            let code = try context.parameters.require("code")
            return JSON(
                value: try await sievert.dosemeters.assignments(organisation: code, by: try context.requireCaller()))
        }
        routes.post("organisations/:code/assignments/:assignment/end", Self.manage) { request, context in
            let id: AssignmentID = try context.parameters.identifier("assignment")
            let input = try await request.decodeJSON(EndRequest.self, context: context)
            return JSON(
                value: try await sievert.dosemeters.endAssignment(
                    id, on: input.on, organisation: try context.parameters.require("code"),
                    by: try context.requireCaller()))
        }
        routes.get("organisations/:code/dosimetry-settings", Self.manage) { _, context in
            let code = try context.parameters.require("code")
            return JSON(
                value: try await sievert.dosemeters.settings(organisation: code, by: try context.requireCaller()))
        }
        routes.put("organisations/:code/dosimetry-settings", Self.manage) { request, context in
            let input = try await request.decodeJSON(DosimetrySettings.self, context: context)
            return JSON(
                value: try await sievert.dosemeters.updateSettings(
                    input, organisation: try context.parameters.require("code"), by: try context.requireCaller()))
        }
        routes.post("organisations/:code/issue-lists", Self.manage) { request, context in
            let input = try await request.decodeJSON(IssueRequest.self, context: context)
            let list = try await sievert.dosemeters.issue(
                organisation: try context.parameters.require("code"), month: input.month,
                by: try context.requireCaller())
            return JSON(value: list, status: list.issuedNow > 0 ? .created : .ok)
        }
        routes.get("organisations/:code/issue-lists/:month", Self.dispatch) { request, context in
            let caller = try context.requireCaller()
            let format = request.uri.queryParameters.get("format") ?? (caller.role == .lab ? "csv" : "json")
            guard format == "csv" || format == "json" else {
                throw Problem.badRequest("must be csv or json", field: "format")
            }
            // The lab sees the dispatch only as the lab file, which has no column for anything but codes. The
            // JSON form is a well-formed request the role may not make: 403, recorded as a denial.
            guard format == "csv" || caller.role != .lab else {
                throw ServiceError.forbidden("the lab receives the issue list as csv only")
            }
            let list = try await sievert.dosemeters.issuedList(
                organisation: try context.parameters.require("code"), month: try context.parameters.require("month"),
                by: caller)
            if format == "csv" {
                return try CSVFile(
                    bytes: DosemeterService.labFile(list), filename: "issue-list-\(list.batch).csv"
                ).response(from: request, context: context)
            }
            return try JSON(value: list).response(from: request, context: context)
        }
        routes.post("organisations/:code/returns", Self.manage) { request, context in
            let input = try await request.decodeJSON(NewReturn.self, context: context)
            return JSON(
                value: try await sievert.dosemeters.recordReturn(
                    input, organisation: try context.parameters.require("code"), by: try context.requireCaller()))
        }
        routes.get("organisations/:code/unreturned", Self.manage) { request, context in
            JSON(
                value: try await sievert.dosemeters.unreturned(
                    organisation: try context.parameters.require("code"),
                    asOf: request.uri.queryParameters.get("asOf").map { String($0) }, by: try context.requireCaller()))
        }
    }
}

/// A CSV download: `text/csv`, named for saving, never cached.
struct CSVFile: ResponseGenerator {
    var bytes: [UInt8]
    var filename: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
