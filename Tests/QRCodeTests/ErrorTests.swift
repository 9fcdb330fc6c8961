import Testing

@testable import QRCode

@Suite("Input that does not fit")
struct ErrorTests {
    @Test(
        "Text longer than a version 40 symbol holds throws tooLong with both byte counts",
        arguments: [(ErrorCorrection.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273)])
    func tooLongInputThrows(correction: ErrorCorrection, maximum: Int) throws {
        // These maxima are the byte-mode capacities of version 40 in ISO/IEC 18004:2015 Table 7.
        #expect(throws: QRCodeError.tooLong(byteCount: maximum + 1, maximumByteCount: maximum)) {
            try QRCode(encoding: String(repeating: "a", count: maximum + 1), correction: correction)
        }
    }

    @Test("Capacity is counted in UTF-8 bytes, not characters")
    func capacityCountsUTF8Bytes() {
        let twoByteCharacters = String(repeating: "é", count: 1166)
        #expect(throws: QRCodeError.tooLong(byteCount: 2332, maximumByteCount: 2331)) {
            try QRCode(encoding: twoByteCharacters)
        }
    }

    @Test("The error explains itself")
    func errorDescriptionIsClear() {
        let description = QRCodeError.tooLong(byteCount: 3000, maximumByteCount: 2953).description
        #expect(description.contains("too long"))
        #expect(description.contains("3000"))
        #expect(description.contains("2953"))
    }

    @Test("Empty text still makes a version 1 symbol")
    func emptyTextEncodes() throws {
        let code = try QRCode(encoding: "")
        #expect(code.version == 1)
        #expect(code.size == 21)
    }
}
