import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SievertApp
import SievertHTTP
import SievertServices
import SievertTestSupport
import Testing

/// The OpenAPI document at `/openapi.json` against the router it describes: the same operations both ways, the
/// roles each one admits, and a document that parses as OpenAPI 3.1 with every reference resolved.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The document's operations keyed `METHOD /path` as the router names its routes (`{name}` parameters).
    static func operations(_ document: [String: Any]) -> [String: [String: Any]] {
        var operations: [String: [String: Any]] = [:]
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] {
            for (method, operation) in item where methods.contains(method) {
                operations["\(method.uppercased()) \(path)"] = operation as? [String: Any] ?? [:]
            }
        }
        return operations
    }

    static func fetch(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let response = try await client.call("/openapi.json", token: nil)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        let parsed = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
        return try #require(parsed as? [String: Any])
    }

    /// The roles an operation's description admits: `Roles: a, b.`, or everyone for "anyone signed in".
    static func roles(_ operation: [String: Any]) -> Set<Role>? {
        let description = operation["description"] as? String ?? ""
        guard let line = description.split(separator: "\n").last(where: { $0.hasPrefix("Roles: ") }) else {
            return []
        }
        let text = line.dropFirst("Roles: ".count).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if text == "anyone, unauthenticated" { return nil }
        if text == "anyone signed in" { return Set(Role.allCases) }
        return Set(text.components(separatedBy: ", ").compactMap(Role.init(rawValue:)))
    }

    @Test("the router's API routes and the document's operations are the same, both ways, with the same roles")
    func noDrift() async throws {
        try await withAPI { fixture in
            let built = buildRouterWithPolicies(fixture.test.sievert, ledger: fixture.test.runtime.ledger)
            let pages = Set(built.pages.policies.keys)
            // Everything but the portal: its pages and its two static files.
            let routes = Set(built.router.routes.map { "\($0.method) \($0.path)" }).filter {
                !pages.contains($0) && !$0.hasPrefix("GET /assets/")
            }
            let policies = built.policies.policies
            try await fixture.app.test(.router) { client in
                let operations = Self.operations(try await Self.fetch(client))
                let documented = Set(operations.keys)
                #expect(routes.count > 50)
                #expect(
                    routes == documented,
                    "router only: \(routes.subtracting(documented).sorted()); document only: \(documented.subtracting(routes).sorted())"
                )
                for (key, policy) in policies {
                    guard let operation = operations[key] else { continue }
                    #expect(Self.roles(operation) == policy.roles, "\(key): declared \(policy)")
                    // An open route asks for no credentials; every other one inherits the bearer/session schemes.
                    let security = operation["security"] as? [Any]
                    #expect(
                        (policy.roles == nil) == (security?.isEmpty == true),
                        "\(key): security \(String(describing: security))")
                }
            }
        }
    }

    @Test(
        "/openapi.json is served over a real socket, unauthenticated, and parses as OpenAPI 3.1 with every reference resolved"
    )
    func served() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let document = try await Self.fetch(client)
                #expect((document["openapi"] as? String)?.hasPrefix("3.1.") == true)
                let info = try #require(document["info"] as? [String: Any])
                #expect(info["title"] is String && info["version"] is String)
                let components = try #require(document["components"] as? [String: Any])
                let schemes = try #require(components["securitySchemes"] as? [String: [String: Any]])
                #expect(schemes["bearer"]?["scheme"] as? String == "bearer")
                var operationIDs: Set<String> = []
                for (key, operation) in Self.operations(document) {
                    let id = try #require(operation["operationId"] as? String, "\(key)")
                    #expect(operationIDs.insert(id).inserted, "\(key): operationId \(id) twice")
                    let responses = try #require(operation["responses"] as? [String: Any], "\(key)")
                    #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(key): no success response")
                    // Each `{name}` of the path is declared as a required path parameter, and nothing else is.
                    let path = String(key.split(separator: " ")[1])
                    let names = Set(
                        path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                            String($0.dropFirst().dropLast())
                        })
                    let declared = (operation["parameters"] as? [[String: Any]] ?? []).filter {
                        $0["in"] as? String == "path"
                    }
                    #expect(Set(declared.compactMap { $0["name"] as? String }) == names, "\(key)")
                    #expect(declared.allSatisfy { $0["required"] as? Bool == true }, "\(key)")
                }
                // Every local reference resolves.
                var unresolved: [String] = []
                func visit(_ value: Any) {
                    if let object = value as? [String: Any] {
                        if let reference = object["$ref"] as? String, Self.resolve(reference, in: document) == nil {
                            unresolved.append(reference)
                        }
                        object.values.forEach(visit)
                    } else if let array = value as? [Any] {
                        array.forEach(visit)
                    }
                }
                visit(document)
                #expect(unresolved.isEmpty, "unresolved: \(unresolved)")
                // The problem schema is the shape `Problem` encodes, with the field at fault.
                let schemas = try #require(components["schemas"] as? [String: [String: Any]])
                let problem = try #require(schemas["Problem"]?["properties"] as? [String: Any])
                #expect(Set(problem.keys) == ["type", "title", "status", "detail", "errors"])
            }
        }
    }

    static func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = document
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let object = node as? [String: Any], let next = object[String(part)] else { return nil }
            node = next
        }
        return node
    }
}
