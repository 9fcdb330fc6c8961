import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A browser's worth of behaviour for portal tests over a real socket: a cookie jar that follows `Set-Cookie`,
/// the form token of the last page read, and forms posted as `application/x-www-form-urlencoded`.
struct PortalBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The `_csrf` value of the last page fetched that had a form.
    var formToken: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers())
        take(response)
        return response
    }

    /// Posts `fields`, adding the form token from the last page unless `token` says otherwise.
    mutating func post(_ uri: String, _ fields: [String: String], token: String?? = .none) async throws
        -> TestResponse
    {
        var all = fields
        switch token {
        case .none: all["_csrf"] = formToken
        case .some(let value): all["_csrf"] = value
        }
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = all.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }
            .joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        take(response)
        return response
    }

    private func headers() -> HTTPFields {
        var headers = HTTPFields()
        headers[.accept] = "text/html"
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        return headers
    }

    private mutating func take(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first.map(String.init) ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            if field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let range = text.range(of: #"name="_csrf" value=""#) {
            formToken = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
