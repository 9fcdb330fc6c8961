import Foundation
import Hummingbird
import NIOCore
import SievertServices

/// The request context of every route: the authenticated caller, once the token middleware has run.
public struct SievertRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `TokenAuthenticationMiddleware` for a valid bearer token.
    public var caller: Caller?
    /// The session token, when the caller came in with the session cookie (needed to sign out).
    var sessionToken: String?
    /// True when the browser sent a session cookie that no longer stands for a session (the portal says so).
    var sessionExpired = false
    /// The client's IP address, for per-address sign-in limits; never stored or logged.
    public let remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies are small JSON documents; anything larger is refused before it is read whole.
    public var maxUploadSize: Int { 256 * 1024 }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The authenticated caller, or a 401 problem.
    public func requireCaller() throws -> Caller {
        guard let caller else { throw Problem.unauthorized }
        return caller
    }
}
