import Testing

@testable import QRCode

@Suite("Whole symbols compared with segno")
struct SegnoMatrixTests {
    @Test("The symbol equals segno's bit for bit, with the same version and mask", arguments: try Fixtures.cases())
    func symbolMatchesSegno(_ fixture: Fixtures.Case) throws {
        let code = try QRCode(encoding: fixture.text, correction: ErrorCorrection(fixtureName: fixture.correction))
        let expected = try Fixtures.matrix(named: fixture.name)

        #expect(code.version == fixture.version)
        // segno chose this mask itself from all eight, so equality means the penalty rules agree.
        #expect(code.mask == fixture.mask)
        #expect(code.size == expected.count)
        let actual = (0..<code.size).map { y in (0..<code.size).map { x in code.isDark(x: x, y: y) } }
        let differing = zip(actual, expected).enumerated().flatMap { y, rows in
            zip(rows.0, rows.1).enumerated().filter { $0.element.0 != $0.element.1 }.map { "(\($0.offset), \(y))" }
        }
        #expect(differing.isEmpty, "modules differ at \(differing.prefix(20).joined(separator: " "))")
    }

    @Test("Every case in the fixture manifest is exercised")
    func manifestIsComplete() throws {
        let names = try Fixtures.cases().map(\.name)
        #expect(names.count == 9)
        #expect(names.contains("otpauth-medium"))
        #expect(names.contains("version40"))
    }
}
