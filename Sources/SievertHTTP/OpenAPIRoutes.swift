import Foundation
import Hummingbird
import NIOCore
import SievertServices

/// `GET /openapi.json`: the OpenAPI 3.1 document of the JSON API, `/health`, `/ready` and `/metrics`, as committed
/// in the target's resources. Open: it describes the interface, never a record.
struct OpenAPIRoutes {
    /// The document's bytes, read once from the bundle; nil when the resource is missing from the build.
    static let document: [UInt8]? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return Array(data)
    }()

    func register(on routes: SecuredRoutes) {
        routes.get("openapi.json", .open) { _, _ in
            guard let bytes = Self.document else {
                throw ServiceError.unavailable("the OpenAPI document is missing from the build")
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
