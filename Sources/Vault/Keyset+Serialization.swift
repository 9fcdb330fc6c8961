import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// The key file format. This target only turns bytes into a keyset and back; reading and writing the file
// (and refusing one inside the data directory) happens at the edge.
extension Keyset {
    /// The `format` value every keyset file carries.
    public static let serializationFormat = "sievert-keyset"
    /// The `formatVersion` this library reads and writes.
    public static let serializationFormatVersion = 1
    /// Larger inputs are refused before parsing; a real keyset with thousands of versions is far smaller.
    public static let maximumSerializedSize = 1 << 20

    /// The keyset as UTF-8 JSON for a key file:
    /// `{"format":"sievert-keyset","formatVersion":1,"keys":[{"key":"<base64>","version":1}],"primary":1}`,
    /// keys in version order, object keys sorted, plus `"retired":[…]` once any version has been retired.
    ///
    /// The result holds every key in clear: it is for the key file only. Swift cannot wipe the returned array.
    public func serialized() -> [UInt8] {
        let file = KeysetFile(
            format: Self.serializationFormat,
            formatVersion: Self.serializationFormatVersion,
            primary: primaryVersion,
            keys: versions.compactMap { version in
                key(for: version).map { key in
                    KeysetFile.Entry(version: version, key: key.withUnsafeBytes { Data($0) }.base64EncodedString())
                }
            },
            retired: retiredVersions.isEmpty ? nil : retiredVersions.sorted()
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(file))
        } catch {
            // Strings, integers and arrays of them always encode; reaching this is a bug in Foundation.
            preconditionFailure("encoding a keyset cannot fail")
        }
    }

    /// Parses a keyset file strictly: exactly the known fields, the right format and version, at least one key,
    /// 32-byte keys in canonical base64, versions 1 or more without duplicates, a primary among them, and retired
    /// versions disjoint from the live ones. Any other input is ``VaultError/malformedKeyset(_:)``.
    public init(serialized bytes: some Collection<UInt8>) throws(VaultError) {
        guard bytes.count <= Self.maximumSerializedSize else { throw .malformedKeyset("input too large") }
        let file: KeysetFile
        do {
            file = try JSONDecoder().decode(KeysetFile.self, from: Data(bytes))
        } catch let rejection as KeysetFile.Rejection {
            throw .malformedKeyset(rejection.reason)
        } catch let error as DecodingError {
            throw .malformedKeyset(Self.reason(for: error))
        } catch {
            throw .malformedKeyset("not valid JSON")
        }
        guard file.format == Self.serializationFormat else { throw .malformedKeyset("wrong format") }
        guard file.formatVersion == Self.serializationFormatVersion else {
            throw .malformedKeyset("unsupported formatVersion")
        }
        guard !file.keys.isEmpty else { throw .malformedKeyset("no keys") }
        var keys: [KeyVersion: SymmetricKey] = [:]
        for entry in file.keys {
            guard keys[entry.version] == nil else { throw .malformedKeyset("duplicate key \(entry.version)") }
            // Foundation's strict base64 (no whitespace, padding required) keeps one encoding per key.
            guard let material = Data(base64Encoded: entry.key) else {
                throw .malformedKeyset("key \(entry.version) is not base64")
            }
            guard material.count == 32 else { throw .malformedKeyset("key \(entry.version) is not 32 bytes") }
            keys[entry.version] = SymmetricKey(data: material)
        }
        let retired = file.retired ?? []
        guard Set(retired).count == retired.count else { throw .malformedKeyset("duplicate retired version") }
        try self.init(primary: file.primary, keys: keys, retired: Set(retired))
    }

    // DecodingError descriptions can quote input; only the path (field names and indexes) is passed on.
    private static func reason(for error: DecodingError) -> String {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        guard !path.isEmpty else { return "not valid keyset JSON" }
        let rendered = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return "invalid or missing field \(rendered)"
    }
}

/// The JSON shape of a keyset file; decoding refuses fields it does not know.
private struct KeysetFile: Codable {
    struct Rejection: Error {
        let reason: String
    }

    struct Entry: Codable {
        let version: KeyVersion
        let key: String

        init(version: KeyVersion, key: String) {
            self.version = version
            self.key = key
        }

        init(from decoder: any Decoder) throws {
            try rejectUnknownFields(in: decoder, allowed: ["version", "key"], at: "keys[]")
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.version = try container.decode(KeyVersion.self, forKey: .version)
            self.key = try container.decode(String.self, forKey: .key)
        }
    }

    let format: String
    let formatVersion: Int
    let primary: KeyVersion
    let keys: [Entry]
    let retired: [KeyVersion]?

    init(format: String, formatVersion: Int, primary: KeyVersion, keys: [Entry], retired: [KeyVersion]?) {
        self.format = format
        self.formatVersion = formatVersion
        self.primary = primary
        self.keys = keys
        self.retired = retired
    }

    init(from decoder: any Decoder) throws {
        try rejectUnknownFields(
            in: decoder,
            allowed: ["format", "formatVersion", "primary", "keys", "retired"],
            at: "top level"
        )
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.format = try container.decode(String.self, forKey: .format)
        self.formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        self.primary = try container.decode(KeyVersion.self, forKey: .primary)
        self.keys = try container.decode([Entry].self, forKey: .keys)
        self.retired = try container.decodeIfPresent([KeyVersion].self, forKey: .retired)
    }
}

/// Any object key, so a decoder can list every field present and refuse the unknown ones.
private struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

// A misspelt field (say "primry") must not be silently ignored in a file that holds the root key.
private func rejectUnknownFields(in decoder: any Decoder, allowed: Set<String>, at place: String) throws {
    let container = try decoder.container(keyedBy: AnyCodingKey.self)
    if container.allKeys.contains(where: { !allowed.contains($0.stringValue) }) {
        throw KeysetFile.Rejection(reason: "unknown field at \(place)")
    }
}
