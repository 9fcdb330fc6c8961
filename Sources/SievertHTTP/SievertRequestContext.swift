import Foundation
import Hummingbird
import SievertServices

/// The request context of every route: the authenticated caller, once the token middleware has run.
public struct SievertRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `TokenAuthenticationMiddleware` for a valid bearer token.
    public var caller: Caller?

    public init(source: Source) {
        coreContext = .init(source: source)
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
