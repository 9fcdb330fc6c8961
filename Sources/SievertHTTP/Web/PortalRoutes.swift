import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SievertServices

/// A portal request being answered: the caller, the form token, and how to render a page for them.
struct PortalRequest {
    let request: Request
    let context: SievertRequestContext
    let csrf: String
    /// Cookies to set with whatever the handler answers (the pre-sign-in form cookie).
    var cookies: [String] = []

    var caller: Caller? { context.caller }

    func requireCaller() throws -> Caller {
        guard let caller = context.caller else { throw Problem.unauthorized }
        return caller
    }

    func parameter(_ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw Problem.badRequest("is missing", field: name) }
        return value
    }

    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return String(value.prefix(200))
    }

    /// The page as a response, with the notice named by `?done=` (only fixed texts, never what the URL says).
    func render(_ page: PortalPage) throws -> Response {
        let notice = query("done").flatMap { PortalNotices.text[$0] }
        var response = try page.response(caller: caller, csrf: csrf, path: request.uri.path, notice: notice)
        for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return response
    }

    /// A form shown again with what was sent and why it was refused.
    func render(_ page: PortalPage, form: [String: String], problems: [ValidationError], labels: [String: String])
        throws -> Response
    {
        var page = page
        page.status = .unprocessableContent
        page.form = form.filter { !PortalForm.secretFields.contains($0.key) }
        page.problems = problems.map {
            FieldProblem(field: $0.field, reason: $0.reason, label: labels[$0.field] ?? $0.field)
        }
        return try render(page)
    }
}

/// The fixed notices a redirect may ask the next page to show.
enum PortalNotices {
    static let text: [String: String] = [
        "signed-out": "You have signed out.",
        "expired": "Your session ended after a period without use. Sign in again to continue.",
        "password": "Your password has been changed. Sign in with the new one.",
        "enrolled": "Your account is ready. Sign in to continue.",
        "registered": "The wearer has been registered.",
        "contact": "The contact details have been saved.",
        "left": "The wearer has been marked as having left.",
        "deceased": "The wearer has been marked as deceased.",
        "alert": "The alert has been updated.",
        "assigned": "The dosemeter has been assigned.",
        "delivery": "The delivery has been recorded.",
    ]
}

/// Reading `application/x-www-form-urlencoded` bodies with Hummingbird's decoder.
enum PortalForm {
    /// Fields never echoed back into a page.
    static let secretFields: Set<String> = ["password", "current", "new", "confirm", "code", FormTokens.field]
    static let maximumBytes = 64 * 1024

    static func fields(_ request: Request, context: SievertRequestContext) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: maximumBytes)
        let text = String(buffer: buffer)
        guard !text.isEmpty else { return [:] }
        do {
            return try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch {
            throw Problem.badRequest("the form could not be read")
        }
    }
}

/// Adds portal pages with their policy, the way `SecuredRoutes` adds API routes: a signed-out visitor is sent to
/// sign in, a role that may not see the page gets 403, an object outside the caller's scope 404 (both recorded
/// in the ledger), and every form post must carry the form token.
struct PortalRoutes {
    let group: RouterGroup<SievertRequestContext>
    let sievert: Sievert
    let forms: FormTokens
    let table: PolicyTable

    func get(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (PortalRequest) async throws -> Response
    ) {
        on(.get, path, policy) { request, _ in try await handler(request) }
    }

    func post(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (PortalRequest, [String: String]) async throws -> Response
    ) {
        on(.post, path, policy, handler)
    }

    private func on(
        _ method: HTTPRequest.Method, _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (PortalRequest, [String: String]) async throws -> Response
    ) {
        let key = "\(method) \(RouterPath(path))"
        table.declare(key, policy)
        let access = sievert.access
        let forms = self.forms
        group.on(RouterPath(path), method: method) { request, context in
            var portal = PortalRequest(request: request, context: context, csrf: "")
            do {
                if let session = context.sessionToken {
                    portal = PortalRequest(request: request, context: context, csrf: forms.token(session: session))
                } else {
                    let existing = request.cookies[FormTokens.cookie]?.value
                    let value = existing.flatMap { $0.utf8.count == 32 ? $0 : nil } ?? FormTokens.newAnonymous()
                    portal = PortalRequest(request: request, context: context, csrf: value)
                    if existing != value { portal.cookies = [PortalCookie.set(FormTokens.cookie, value, maxAge: 3600)] }
                }
                if policy.roles != nil {
                    guard let caller = context.caller else {
                        return redirect(context.sessionExpired ? "/sign-in?done=expired" : "/sign-in")
                    }
                    try await access.enforce(policy, caller: caller, route: key, context: context)
                }
                var fields: [String: String] = [:]
                if method == .post {
                    fields = try await PortalForm.fields(request, context: context)
                    let presented = fields[FormTokens.field]
                    let valid =
                        if let session = context.sessionToken {
                            forms.verify(presented, session: session)
                        } else {
                            FormTokens.verifyAnonymous(presented, cookie: request.cookies[FormTokens.cookie]?.value)
                        }
                    guard valid else {
                        throw Problem(
                            status: .forbidden, type: "form-expired", title: "This form has expired",
                            detail: "Go back, reload the page and send the form again.")
                    }
                }
                return try await handler(portal, fields)
            } catch {
                return try Self.errorPage(error, portal: portal)
            }
        }
    }

    /// The page for an error: sign in again for 401, otherwise a plain page with the status and what to do.
    static func errorPage(_ error: any Error, portal: PortalRequest) throws -> Response {
        let problem = Problem.from(error)
        if problem.statusCode == 401 {
            return redirect("/sign-in")
        }
        if problem.statusCode >= 500 {
            portal.context.logger.error("page failed", metadata: ["error.type": "\(type(of: error))"])
        }
        let (title, advice): (String, String) =
            switch problem.statusCode {
            case 403 where problem.type.hasSuffix("form-expired"):
                ("This form has expired", "Go back, reload the page and send the form again.")
            case 403: ("You cannot see this page", "Your role does not give access to this page.")
            case 404: ("Page not found", "Check the address, or go back to the start page.")
            case 429: ("Too many attempts", "Wait an hour before trying again.")
            case 409: ("This is not available", problem.detail ?? "It does not apply to this record.")
            case 400, 413, 422: ("The request could not be read", problem.detail ?? "Check what you entered.")
            default: ("Sorry, there is a problem with the service", "Try again later.")
            }
        var page = PortalPage("error", title: title, values: ["advice": advice])
        page.status = problem.status
        return try portal.render(page)
    }
}
