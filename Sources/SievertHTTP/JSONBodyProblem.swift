import Foundation
import Hummingbird

/// Turns JSON decoding failures into 400 problems that name the field at fault, without echoing values.
enum JSONBodyProblem {
    static func from(_ error: DecodingError) -> Problem {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .badRequest("the field is required", field: field)
        case .typeMismatch(let type, let context):
            return .badRequest("expected \(describe(type))", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return .badRequest("expected \(describe(type)), found null", field: path(context.codingPath))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .badRequest("the value is not valid", field: path(context.codingPath))
        default:
            return .badRequest("the body is not a valid JSON document")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a different type"
        }
    }
}

extension Request {
    /// Decodes a JSON body, turning every malformed, wrong-typed or oversized body into a 400/413 problem.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: SievertRequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: context.maxUploadSize)
        } catch {
            throw Problem(
                status: .contentTooLarge, type: "too-large", title: "Request body too large",
                detail: "bodies are limited to \(context.maxUploadSize) bytes")
        }
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("the request body is empty") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw JSONBodyProblem.from(error)
        }
    }
}
