import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import SievertServices

/// The headers every portal response carries besides `NoStoreMiddleware`'s (no caching, no sniffing): a
/// Content-Security-Policy that allows nothing from elsewhere and no inline script or style (only the portal's own
/// stylesheet and countdown script), no framing (clickjacking), no referrer.
struct PortalHeadersMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        Self.apply(to: &response)
        return response
    }

    static func apply(to response: inout Response) {
        let fields: [(String, String)] = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "no-referrer"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in fields {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
    }
}

/// Tokens that prove a form was served by this portal (OWASP's synchroniser pattern, stateless): for a signed-in
/// browser an HMAC of its session token under a key that lives only in this process; before sign-in, a random
/// value in a `SameSite=Strict` cookie that the form must repeat (double submit). A restart makes open forms
/// ask once more, nothing worse.
struct FormTokens: Sendable {
    static let field = "_csrf"
    static let cookie = "sievert_form"

    private let key: SymmetricKey

    init(key: SymmetricKey = SymmetricKey(size: .bits256)) {
        self.key = key
    }

    /// The token the forms of the session `session` carry.
    func token(session: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("portal-form:\(session)".utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `presented` is the token of `session`, compared in constant time.
    func verify(_ presented: String?, session: String) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equals(presented, token(session: session))
    }

    /// A new random value for the pre-sign-in cookie.
    static func newAnonymous() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Whether the form repeats the pre-sign-in cookie.
    static func verifyAnonymous(_ presented: String?, cookie: String?) -> Bool {
        guard let presented, let cookie, cookie.utf8.count == 32 else { return false }
        return ConstantTime.equals(presented, cookie)
    }
}

/// `Set-Cookie` values of the portal: HttpOnly, Secure, SameSite=Strict, whole site.
enum PortalCookie {
    static func set(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Strict"
    }

    static func clear(_ name: String) -> String { set(name, "", maxAge: 0) }
}
