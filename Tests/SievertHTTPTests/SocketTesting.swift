import HTTPTypes
import Hummingbird
import NIOCore

@testable import HummingbirdTesting

/// HTTP tests over a real socket, with a read timeout that a loaded run of the whole suite does not reach.
///
/// HummingbirdTesting's `.live` client gives up on a response after a fixed 20 s. With every suite running at once
/// on two cores, PostgreSQL on the same cores, a heavy call (a breach report, a file's import) has taken longer than
/// that, and a test failed with `.readTimeout` although the server went on to answer correctly. This keeps `.live`'s
/// server on its loopback port and talks to it through a second client whose read timeout is ``readTimeout``. The
/// `@testable` import is for `TestResponse`, which has no public initialiser.
extension ApplicationProtocol {
    /// How long a response may take before the test fails.
    static var readTimeout: Duration { .seconds(300) }

    /// Runs `test` against this application served on a real loopback socket.
    func testOnSocket<Value>(_ test: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await self.test(.live) { live in
            guard let port = live.port else { throw SocketTestError.noPort }
            let client = TestClient(host: "localhost", port: port, configuration: .init(timeout: Self.readTimeout))
            client.connect()
            do {
                let value = try await test(SocketClient(client: client))
                try await client.shutdown()
                return value
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }
}

/// The `.live` framework did not say which port its server listens on.
enum SocketTestError: Error {
    case noPort
}

/// A keep-alive client of the live server, as `.live`'s own but with its own timeout.
struct SocketClient: TestClientProtocol {
    let client: TestClient

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?)
        async throws -> TestResponse
    {
        var headers = headers
        headers[.connection] = "keep-alive"
        let response = try await client.execute(
            TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
        return TestResponse(
            head: response.head, body: response.body ?? ByteBuffer(), trailerHeaders: response.trailerHeaders)
    }

    var port: Int? { client.port }
}
