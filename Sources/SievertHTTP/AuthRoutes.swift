import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import SievertServices
import SievertStorage

/// `/api/v1/auth`: enrolment, sign-in (password and TOTP), sign-out, password change, and who am I.
struct AuthRoutes {
    let sievert: Sievert

    static let cookieName = "sievert_session"

    struct SignInBody: Codable {
        var login: String
        var password: String
        var code: String?
    }

    struct SignedIn: Codable {
        var account: AccountID
        var role: Role
        var expiresAt: Date
    }

    struct EnrolBody: Codable {
        var token: String
        var password: String
    }

    struct PasswordBody: Codable {
        var current: String
        var new: String
    }

    struct Me: Codable {
        var actor: String
        var role: Role
        var account: AccountID?
        var person: String?
    }

    func register(on routes: SecuredRoutes) {
        routes.post("auth/sign-in", .open) { request, context in
            let body = try await request.decodeJSON(SignInBody.self, context: context)
            let session = try await sievert.signIn.signIn(
                login: body.login, password: body.password, code: body.code, address: context.remoteAddress,
                requestID: context.id)
            var response = try JSON(
                value: SignedIn(account: session.account, role: session.role, expiresAt: session.expiresAt)
            ).response(from: request, context: context)
            response.headers[.setCookie] =
                "\(Self.cookieName)=\(session.token); Path=/; Max-Age=\(Int(SignInService.absoluteTimeout)); "
                + "HttpOnly; Secure; SameSite=Strict"
            return response
        }
        routes.post("auth/sign-out", .signedIn) { request, context in
            if let token = context.sessionToken {
                try await sievert.signIn.signOut(session: token, caller: try context.requireCaller())
            }
            var response = Response(status: .noContent)
            response.headers[.setCookie] =
                "\(Self.cookieName)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"
            return response
        }
        routes.post("auth/enrol", .open) { request, context in
            let body = try await request.decodeJSON(EnrolBody.self, context: context)
            return JSON(
                value: try await sievert.accounts.enrol(
                    token: body.token, password: body.password, requestID: context.id))
        }
        routes.post("auth/password", .signedIn) { request, context in
            let body = try await request.decodeJSON(PasswordBody.self, context: context)
            try await sievert.signIn.changePassword(
                current: body.current, new: body.new, caller: try context.requireCaller())
            var response = Response(status: .noContent)
            response.headers[.setCookie] =
                "\(Self.cookieName)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"
            return response
        }
        routes.get("auth/me", .signedIn) { _, context in
            let caller = try context.requireCaller()
            return JSON(
                value: Me(
                    actor: caller.actor, role: caller.role, account: caller.account,
                    person: caller.person?.description))
        }
    }
}
