import Testing

@testable import QRCode

@Suite("Capacity boundaries of all 40 versions at all four levels, compared with segno")
struct CapacityBoundaryTests {
    @Test(
        "A text filling a version exactly gets that version, segno's mask and segno's modules",
        arguments: try Fixtures.boundaries())
    func fullVersionMatchesSegno(_ boundary: Fixtures.Boundary) throws {
        let correction = try ErrorCorrection(fixtureName: boundary.correction)
        let code = try QRCode(
            encoding: Fixtures.cycled(length: boundary.length, offset: boundary.version), correction: correction)

        #expect(code.version == boundary.version)
        #expect(code.mask == boundary.mask)
        #expect(code.fingerprint == boundary.fingerprint)
    }

    @Test("One byte more than a version holds moves to the next version", arguments: try Fixtures.boundaries())
    func oneByteMoreNeedsNextVersion(_ boundary: Fixtures.Boundary) throws {
        let correction = try ErrorCorrection(fixtureName: boundary.correction)
        let version = Codewords.smallestVersion(forByteCount: boundary.length + 1, correction: correction)
        #expect(version == (boundary.version < 40 ? boundary.version + 1 : nil))
    }

    @Test("The boundary table covers every version at every level")
    func boundaryTableIsComplete() throws {
        let boundaries = try Fixtures.boundaries()
        #expect(boundaries.count == 160)
        for level in ["low", "medium", "quartile", "high"] {
            #expect(boundaries.filter { $0.correction == level }.map(\.version) == Array(1...40))
        }
    }
}
