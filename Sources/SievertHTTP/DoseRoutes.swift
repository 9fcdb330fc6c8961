import DoseCore
import Hummingbird
import SievertServices

/// `/api/v1/people/{id}/doses`: a person's dose of record with its accumulations, and manual entries; and
/// `/api/v1/people/{id}/passbook`: a classified worker's signed radiation passbook.
struct DoseRoutes {
    let sievert: Sievert

    func register(on routes: SecuredRoutes) {
        routes.get("people/:id/doses", PeopleRoutes.read) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            var asOf: CalendarDate?
            if let text = request.uri.queryParameters.get("asOf") {
                // A date that does not exist is invalid input (422), as `asOf` is for the unreturned list.
                do { asOf = try CalendarDate(iso: text) } catch let error as ValidationError {
                    throw Problem.invalid([ValidationError(field: "asOf", reason: error.reason)])
                }
            }
            let history = try await sievert.doses.history(of: id, asOf: asOf, by: try context.requireCaller())
            let json = history.jsonBytes()
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(json.count)],
                body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        routes.post("people/:id/doses", PeopleRoutes.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let input = try await request.decodeJSON(NewDoseEntry.self, context: context)
            return JSON(
                value: try await sievert.doses.record(input, for: id, by: try context.requireCaller()), status: .created
            )
        }
        routes.get("people/:id/passbook", PeopleRoutes.read) { _, context in
            let id: PersonID = try context.parameters.identifier("id")
            let passbook = try await sievert.passbooks.issue(for: id, by: try context.requireCaller())
            return PassbookFile(text: passbook.text, serial: passbook.serial)
        }
    }
}

/// A passbook download: the signed text file, named for saving, never cached.
struct PassbookFile: ResponseGenerator {
    var text: String
    var serial: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"passbook-\(serial).txt\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
