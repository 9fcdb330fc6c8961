import Hummingbird
import SievertServices

/// `/api/v1/audit`: the ledger for auditors; `/api/v1/security/alerts` for the service operator; and
/// `/api/v1/me/access-history`, a wearer's own "who accessed my record".
struct AuditRoutes {
    let queries: AuditQueries

    func register(on routes: SecuredRoutes) {
        routes.get("audit/events", .only(.auditor, .rpsAdmin, object: .service)) { request, context in
            let after = try request.queryInteger("after", in: 0...Int64.max) ?? 0
            let limit = try request.queryInteger("limit", in: 1...1000) ?? 100
            return JSON(
                value: try await queries.events(after: after, limit: Int(limit), by: try context.requireCaller()))
        }
        routes.get("audit/events/:sequence", .only(.auditor, .rpsAdmin, object: .service)) { _, context in
            guard let text = context.parameters.get("sequence"), let sequence = Int64(text), sequence >= 1 else {
                throw Problem.badRequest("must be a positive whole number", field: "sequence")
            }
            return JSON(value: try await queries.event(sequence, by: try context.requireCaller()))
        }
        routes.get("audit/status", .only(.auditor, .rpsAdmin, object: .service)) { _, context in
            JSON(value: try await queries.status(by: try context.requireCaller()))
        }
        routes.get("audit/consistency", .only(.auditor, .rpsAdmin, object: .service)) { request, context in
            guard let from = try request.queryInteger("from", in: 1...Int64.max) else {
                throw Problem.badRequest("is required", field: "from")
            }
            return JSON(value: try await queries.consistency(from: UInt64(from), by: try context.requireCaller()))
        }
        routes.get("security/alerts", .only(.rpsAdmin, object: .service)) { request, context in
            let limit = try request.queryInteger("limit", in: 1...1000) ?? 100
            return JSON(value: try await queries.alerts(limit: Int(limit), by: try context.requireCaller()))
        }
        routes.get("me/access-history", .only(.wearer)) { _, context in
            JSON(value: try await queries.accessHistory(by: try context.requireCaller()))
        }
    }
}

extension Request {
    /// An optional whole-number query parameter within `range`, or a 400 problem naming it.
    func queryInteger(_ name: String, in range: ClosedRange<Int64>) throws -> Int64? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw Problem.badRequest(
                "must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return value
    }
}
