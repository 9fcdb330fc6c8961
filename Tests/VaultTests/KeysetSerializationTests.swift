import Crypto
import Foundation
import SeededRandom
import Testing

@testable import Vault

@Suite("Keyset serialisation")
struct KeysetSerializationTests {
    static let key1 = Data([UInt8](0..<32)).base64EncodedString()
    static let key2 = Data([UInt8](32..<64)).base64EncodedString()

    static func json(_ body: String) -> [UInt8] {
        Array(body.utf8)
    }

    @Test("A fixed keyset serialises to the documented JSON")
    func exactShape() throws {
        let keyset = try Keyset(primary: 1, keys: [1: SymmetricKey(data: [UInt8](0..<32))])
        let text = String(decoding: keyset.serialized(), as: UTF8.self)
        #expect(
            text
                == #"{"format":"sievert-keyset","formatVersion":1,"keys":[{"key":"\#(Self.key1)","version":1}],"primary":1}"#
        )
    }

    @Test("Serialise then parse gives the same versions, primary, retired list and keys")
    func roundTrip() throws {
        let (added, v2) = Keyset.generate().adding()
        let (more, v3) = try added.promoting(v2).adding()
        let keyset = try more.retiring(1)
        let parsed = try Keyset(serialized: keyset.serialized())
        #expect(parsed.versions == [v2, v3])
        #expect(parsed.primaryVersion == v2)
        #expect(parsed.retiredVersions == [1])
        for version in keyset.versions {
            #expect(
                try Fixture.keyBytes(#require(parsed.key(for: version)))
                    == Fixture.keyBytes(#require(keyset.key(for: version))))
        }
        // Data sealed before the round trip opens after it.
        let envelope = try Sealer(keyset: keyset).seal(string: "dose", binding: Fixture.binding)
        #expect(try Sealer(keyset: parsed).openString(envelope, binding: Fixture.binding) == "dose")
        #expect(parsed.serialized() == keyset.serialized())
        #expect(parsed.adding().version == 4)
    }

    @Test("The documented format without a retired list parses")
    func briefFormat() throws {
        let text =
            #"{"format":"sievert-keyset","formatVersion":1,"primary":2,"keys":[{"version":1,"key":"\#(Self.key1)"},{"version":2,"key":"\#(Self.key2)"}]}"#
        let keyset = try Keyset(serialized: Self.json(text))
        #expect(keyset.versions == [1, 2])
        #expect(keyset.primaryVersion == 2)
    }

    static let k1 = #"{"version":1,"key":"\#(key1)"}"#
    static let header = #""format":"sievert-keyset","formatVersion":1"#

    static let malformed: [(String, String)] = [
        ("empty input", ""),
        ("not JSON", "not json"),
        ("truncated JSON", #"{"format":"sievert-keyset","#),
        ("an array", "[]"),
        ("a string", #""sievert-keyset""#),
        ("wrong format", #"{"format":"other","formatVersion":1,"primary":1,"keys":[\#(k1)]}"#),
        ("unknown format version", #"{"format":"sievert-keyset","formatVersion":2,"primary":1,"keys":[\#(k1)]}"#),
        ("missing format", #"{"formatVersion":1,"primary":1,"keys":[\#(k1)]}"#),
        ("missing primary field", #"{\#(header),"keys":[\#(k1)]}"#),
        ("primary not among keys", #"{\#(header),"primary":2,"keys":[\#(k1)]}"#),
        ("no keys", #"{\#(header),"primary":1,"keys":[]}"#),
        ("missing keys", #"{\#(header),"primary":1}"#),
        (
            "31-byte key",
            #"{\#(header),"primary":1,"keys":[{"version":1,"key":"\#(Data([UInt8](0..<31)).base64EncodedString())"}]}"#
        ),
        (
            "33-byte key",
            #"{\#(header),"primary":1,"keys":[{"version":1,"key":"\#(Data([UInt8](0..<33)).base64EncodedString())"}]}"#
        ),
        ("empty key", #"{\#(header),"primary":1,"keys":[{"version":1,"key":""}]}"#),
        ("key not base64", #"{\#(header),"primary":1,"keys":[{"version":1,"key":"!!!!"}]}"#),
        ("key with whitespace", #"{\#(header),"primary":1,"keys":[{"version":1,"key":" \#(key1)"}]}"#),
        ("key as hex", #"{\#(header),"primary":1,"keys":[{"version":1,"key":"\#([UInt8](0..<32).hex)"}]}"#),
        ("duplicate versions", #"{\#(header),"primary":1,"keys":[\#(k1),{"version":1,"key":"\#(key2)"}]}"#),
        ("version 0", #"{\#(header),"primary":0,"keys":[{"version":0,"key":"\#(key1)"}]}"#),
        ("negative version", #"{\#(header),"primary":1,"keys":[\#(k1),{"version":-1,"key":"\#(key2)"}]}"#),
        ("version above UInt32", #"{\#(header),"primary":1,"keys":[\#(k1),{"version":4294967296,"key":"\#(key2)"}]}"#),
        ("fractional version", #"{\#(header),"primary":1,"keys":[\#(k1),{"version":2.5,"key":"\#(key2)"}]}"#),
        ("version as string", #"{\#(header),"primary":"1","keys":[\#(k1)]}"#),
        ("unknown top-level field", #"{\#(header),"primary":1,"keys":[\#(k1)],"primry":2}"#),
        ("unknown key field", #"{\#(header),"primary":1,"keys":[{"version":1,"key":"\#(key1)","note":"x"}]}"#),
        ("key entry missing key", #"{\#(header),"primary":1,"keys":[{"version":1}]}"#),
        ("retired also live", #"{\#(header),"primary":1,"keys":[\#(k1)],"retired":[1]}"#),
        ("duplicate retired", #"{\#(header),"primary":1,"keys":[\#(k1)],"retired":[2,2]}"#),
        ("retired 0", #"{\#(header),"primary":1,"keys":[\#(k1)],"retired":[0]}"#),
        ("null keys", #"{\#(header),"primary":1,"keys":null}"#),
    ]

    @Test("Malformed keysets are refused", arguments: malformed)
    func malformedInput(name: String, text: String) {
        let error = vaultError { try Keyset(serialized: Self.json(text)) }
        guard let error else {
            Issue.record("\(name) was accepted")
            return
        }
        #expect(error.description.hasPrefix("malformed keyset"), "\(name)")
        #expect(!error.description.contains(Self.key1) && !error.description.contains(Self.key2), "\(name)")
    }

    @Test("Input over 1 MiB is refused before parsing")
    func huge() {
        let big = [UInt8](repeating: UInt8(ascii: " "), count: Keyset.maximumSerializedSize + 1)
        #expect(vaultError { try Keyset(serialized: big) } == .malformedKeyset("input too large"))
        let deep = Array(String(repeating: "[", count: 200_000).utf8)
        #expect(vaultError { try Keyset(serialized: deep) } != nil)
    }

    @Test("Random bytes and random JSON-ish text never parse as a keyset")
    func fuzz() {
        var rng = SeededGenerator(seed: 0xC0FFEE)
        let pieces = [
            "{", "}", "[", "]", ",", ":", "\"format\"", "\"keys\"", "\"primary\"", "1", "\"sievert-keyset\"", "null",
        ]
        for index in 0..<2_000 {
            let bytes: [UInt8]
            if Bool.random(using: &rng) {
                bytes = rng.bytes(Int.random(in: 0...64, using: &rng))
            } else {
                let count = Int.random(in: 0...30, using: &rng)
                bytes = Array(
                    (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined().utf8)
            }
            #expect(vaultError { try Keyset(serialized: bytes) } != nil, "seed 0xC0FFEE case \(index)")
        }
    }
}
