import DoseCore
import Foundation
import Hummingbird
import QRCode
import SievertServices

/// Sign-in (password, then the one-time code on a page of its own), enrolment with the authenticator QR code,
/// password change and sign-out.
struct SignInPages {
    let sievert: Sievert

    static let challengeCookie = "sievert_challenge"

    static let labels = [
        "login": "Login name", "password": "Password", "code": "Security code", "token": "Enrolment code",
        "confirm": "Confirm password", "current": "Current password", "new": "New password",
    ]

    func register(on routes: PortalRoutes) {
        routes.get("", .open) { portal in
            guard let caller = portal.caller else { return redirect("/sign-in") }
            return redirect(Portal.home(of: caller.role))
        }
        routes.get("sign-in", .open) { portal in
            if let caller = portal.caller { return redirect(Portal.home(of: caller.role)) }
            return try portal.render(
                PortalPage("sign-in", title: "Sign in", values: ["expired": portal.query("done") == "expired"]))
        }
        routes.post("sign-in", .open) { portal, form in
            let login = form["login"] ?? ""
            do {
                let step = try await sievert.signIn.beginSignIn(
                    login: login, password: form["password"] ?? "", address: portal.context.remoteAddress,
                    requestID: portal.context.id)
                switch step {
                case .signedIn(let session):
                    return redirect(Portal.home(of: session.role), cookies: [Self.sessionCookie(session)])
                case .codeRequired(let challenge):
                    return redirect(
                        "/sign-in/code",
                        cookies: [
                            PortalCookie.set(
                                Self.challengeCookie, challenge, maxAge: Int(SignInService.challengeLifetime))
                        ])
                }
            } catch let error as ServiceError where error.code == "unauthenticated" {
                return try portal.render(
                    PortalPage("sign-in", title: "Sign in"), form: form,
                    problems: [ValidationError(field: "login", reason: error.description)], labels: Self.labels)
            }
        }
        routes.get("sign-in/code", .open) { portal in
            guard portal.request.cookies[Self.challengeCookie] != nil else { return redirect("/sign-in") }
            return try portal.render(PortalPage("sign-in-code", title: "Enter your security code"))
        }
        routes.post("sign-in/code", .open) { portal, form in
            guard let challenge = portal.request.cookies[Self.challengeCookie]?.value else {
                return redirect("/sign-in")
            }
            do {
                let session = try await sievert.signIn.completeSignIn(
                    challenge: challenge, code: (form["code"] ?? "").filter { !$0.isWhitespace },
                    address: portal.context.remoteAddress, requestID: portal.context.id)
                return redirect(
                    Portal.home(of: session.role),
                    cookies: [Self.sessionCookie(session), PortalCookie.clear(Self.challengeCookie)])
            } catch let error as ServiceError where error.code == "unauthenticated" {
                return try portal.render(
                    PortalPage("sign-in-code", title: "Enter your security code"), form: form,
                    problems: [ValidationError(field: "code", reason: "the code is not right, or has been used")],
                    labels: Self.labels)
            }
        }
        routes.post("sign-out", .signedIn) { portal, _ in
            if let token = portal.context.sessionToken {
                try await sievert.signIn.signOut(session: token, caller: try portal.requireCaller())
            }
            return redirect("/sign-in?done=signed-out", cookies: [PortalCookie.clear(AuthRoutes.cookieName)])
        }
        routes.get("enrol", .open) { portal in
            try portal.render(
                PortalPage("enrol", title: "Set up your account", values: ["token": portal.query("token") ?? ""]))
        }
        routes.post("enrol", .open) { portal, form in
            let page = PortalPage("enrol", title: "Set up your account", values: ["token": form["token"] ?? ""])
            let password = form["password"] ?? ""
            guard password == form["confirm"] else {
                return try portal.render(
                    page, form: form,
                    problems: [ValidationError(field: "confirm", reason: "does not match the password")],
                    labels: Self.labels)
            }
            do {
                let enrolment = try await sievert.accounts.enrol(
                    token: (form["token"] ?? "").trimmingCharacters(in: .whitespaces), password: password,
                    requestID: portal.context.id)
                guard let uri = enrolment.totpURI, let key = enrolment.totpSecret else {
                    return redirect("/sign-in?done=enrolled")
                }
                let qr = try QRCode(encoding: uri, correction: .medium)
                return try portal.render(
                    PortalPage(
                        "enrolled", title: "Add Sievert to your authenticator app",
                        values: EnrolledView(
                            qr: qr.svg(moduleSize: 5, quietZone: 4, title: "QR code for your authenticator app"),
                            key: Self.grouped(key))))
            } catch let error as ServiceError where error.code == "unauthenticated" {
                return try portal.render(
                    page, form: form, problems: [ValidationError(field: "token", reason: error.description)],
                    labels: Self.labels)
            } catch let error as ServiceError where error.code == "invalid" {
                return try portal.render(page, form: form, problems: error.validationErrors, labels: Self.labels)
            }
        }
        routes.get("account/password", .signedIn) { portal in
            try portal.render(PortalPage("password", title: "Change your password"))
        }
        routes.post("account/password", .signedIn) { portal, form in
            let page = PortalPage("password", title: "Change your password")
            guard form["new"] == form["confirm"] else {
                return try portal.render(
                    page, form: form,
                    problems: [ValidationError(field: "confirm", reason: "does not match the new password")],
                    labels: Self.labels)
            }
            do {
                try await sievert.signIn.changePassword(
                    current: form["current"] ?? "", new: form["new"] ?? "", caller: try portal.requireCaller())
            } catch let error as ServiceError where error.code == "invalid" {
                return try portal.render(page, form: form, problems: error.validationErrors, labels: Self.labels)
            }
            return redirect("/sign-in?done=password", cookies: [PortalCookie.clear(AuthRoutes.cookieName)])
        }
        routes.get("lab", .only(.lab)) { portal in
            try portal.render(PortalPage("lab", title: "Laboratory access"))
        }
    }

    static func sessionCookie(_ session: StartedSession) -> String {
        PortalCookie.set(AuthRoutes.cookieName, session.token, maxAge: Int(SignInService.absoluteTimeout))
    }

    /// The manual-entry key in groups of four, as authenticator apps print it.
    static func grouped(_ key: String) -> String {
        var groups: [String] = []
        var rest = Substring(key)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}

struct EnrolledView {
    var qr: String
    var key: String
}
