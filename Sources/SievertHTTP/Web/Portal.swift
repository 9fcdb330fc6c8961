import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SievertServices

/// The portal: server-rendered pages for RPS staff, organisation leads, wearers and auditors, over the same
/// use cases as the JSON API.
struct Portal {
    let sievert: Sievert
    let ledger: AuditLedger
    let forms: FormTokens

    func register(on router: Router<SievertRequestContext>, table: PolicyTable) {
        let group = router.group("")
            .add(middleware: PortalHeadersMiddleware())
            .add(middleware: PortalSessionMiddleware(sievert: sievert))
        for (path, type, bytes) in [
            ("assets/sievert.css", "text/css; charset=utf-8", PortalAssets.stylesheet),
            ("assets/clock.js", "text/javascript; charset=utf-8", PortalAssets.clock),
        ] {
            group.get(RouterPath(path)) { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = type
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        let routes = PortalRoutes(group: group, sievert: sievert, forms: forms, table: table)
        SignInPages(sievert: sievert).register(on: routes)
        WearerPages(sievert: sievert, ledger: ledger).register(on: routes)
        LeadPages(sievert: sievert).register(on: routes)
        AdminPages(sievert: sievert, ledger: ledger).register(on: routes)
        AuditorPages(queries: AuditQueries(store: sievert.store, ledger: ledger)).register(on: routes)
    }

    /// Where a role starts.
    static func home(of role: Role) -> String {
        switch role {
        case .rpsAdmin: "/admin"
        case .orgLead: "/lead"
        case .wearer: "/me"
        case .auditor: "/audit"
        case .lab: "/lab"
        }
    }
}

/// Resolves the session cookie (and only the cookie: the portal takes no bearer tokens) to a caller. A cookie
/// that no longer stands for a session is cleared, and the page can say the session ended.
struct PortalSessionMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext
    let sievert: Sievert

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        guard let token = request.cookies[AuthRoutes.cookieName]?.value, !token.isEmpty else {
            return try await next(request, context)
        }
        if let caller = try await sievert.signIn.authenticate(session: token, requestID: context.id) {
            context.caller = caller
            context.sessionToken = token
            context.logger[metadataKey: "actor"] = "\(caller.actor)"
            return try await next(request, context)
        }
        context.sessionExpired = true
        var response = try await next(request, context)
        response.headers.append(HTTPField(name: .setCookie, value: PortalCookie.clear(AuthRoutes.cookieName)))
        return response
    }
}
