import Foundation
import Hummingbird

/// Turns JSON decoding failures into 400 problems that name the field at fault, without echoing values.
enum JSONBodyProblem {
    static func from(_ error: DecodingError) -> Problem {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .badRequest("the field is required", field: field)
        // Every body is an object: a whole body of another type (`1`, `null`, `[…]`) has an empty coding path, and
        // the problem then names no field rather than one called "".
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return .badRequest("the body must be a JSON object")
        case .typeMismatch(let type, let context):
            return .badRequest("expected \(describe(type))", field: path(context.codingPath))
        case .valueNotFound(let type, let context):
            return .badRequest("expected \(describe(type)), found null", field: path(context.codingPath))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .badRequest("the value is not valid", field: path(context.codingPath))
        // Foundation's decoder reports a number too large for any Swift number (`1e400`, twenty digits for an Int)
        // while scanning, before it knows the field, so the problem cannot name it.
        default:
            return .badRequest("the body is not a valid JSON document, or holds a number out of range")
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
        return try JSONBodyProblem.decode(T.self, from: Data(buffer.readableBytesView))
    }
}

extension JSONBodyProblem {
    /// Decodes a non-empty body's bytes as every route does; the Fuzz package's request body target calls
    /// this too, so it fuzzes exactly the API's decoding.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw JSONBodyProblem.from(error)
        }
    }
}
