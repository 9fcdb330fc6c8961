import Foundation

/// The formats a report can be asked for.
public enum ReportFormat: String, Sendable, CaseIterable {
    case csv
    case html
    case json

    /// Parses `text`, refusing anything not in `allowed` with an error naming the field `format`.
    public static func parse(_ text: String?, default fallback: ReportFormat, allowed: [ReportFormat])
        throws -> ReportFormat
    {
        guard let text else { return fallback }
        guard let format = ReportFormat(rawValue: text.lowercased()), allowed.contains(format) else {
            throw ServiceError.invalid(
                field: "format", "must be one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }
}

/// A rendered report: its bytes, media type and a file name to offer.
public struct ReportDocument: Sendable {
    public var bytes: [UInt8]
    public var contentType: String
    public var fileName: String

    public init(bytes: [UInt8], contentType: String, fileName: String) {
        self.bytes = bytes
        self.contentType = contentType
        self.fileName = fileName
    }

    static func json(_ value: some Encodable, fileName: String) throws -> ReportDocument {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return ReportDocument(
            bytes: Array(try encoder.encode(value)), contentType: "application/json", fileName: fileName + ".json")
    }

    static func csv(_ bytes: [UInt8], fileName: String) -> ReportDocument {
        ReportDocument(bytes: bytes, contentType: "text/csv; charset=utf-8", fileName: fileName + ".csv")
    }

    static func html(_ text: String, fileName: String) -> ReportDocument {
        ReportDocument(bytes: Array(text.utf8), contentType: "text/html; charset=utf-8", fileName: fileName + ".html")
    }
}
