import Foundation
import Testing

@testable import QRCode

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("SVG rendering")
struct SVGTests {
    // XMLElement.attribute(forName:) returns nil under a default namespace in swift-corelibs-foundation,
    // so attributes are looked up by name in the attribute list instead.
    private func attribute(_ name: String, of element: XMLElement?) -> String? {
        element?.attributes?.first { $0.name == name }?.stringValue
    }

    private let uri =
        "otpauth://totp/Sievert:lead%40avuhb.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Sievert"

    @Test("The SVG is well-formed XML with the expected root, title and shapes")
    func svgParsesAsXML() throws {
        let code = try QRCode(encoding: uri)
        let document = try XMLDocument(xmlString: code.svg(title: "Scan with your authenticator"), options: [])
        let root = try #require(document.rootElement())

        #expect(root.name == "svg")
        #expect(root.uri == "http://www.w3.org/2000/svg")
        #expect(attribute("role", of: root) == "img")
        let extent = code.size + 8
        #expect(attribute("viewBox", of: root) == "0 0 \(extent) \(extent)")
        #expect(attribute("width", of: root) == "\(extent * 4)")
        #expect(attribute("height", of: root) == "\(extent * 4)")
        #expect(root.children?.compactMap(\.name) == ["title", "rect", "path"])

        let title = try #require(root.elements(forName: "title").first)
        #expect(title.stringValue == "Scan with your authenticator")
        #expect(attribute("id", of: title)?.hasPrefix("qr-title-") == true)
        #expect(attribute("aria-labelledby", of: root) == attribute("id", of: title))
        #expect(attribute("fill", of: root.elements(forName: "rect").first) == "#fff")
        #expect(attribute("fill", of: root.elements(forName: "path").first) == "#000")
    }

    @Test("The title is XML-escaped and survives parsing unchanged")
    func titleIsEscaped() throws {
        let title = #"Tom & Jerry's <"dose"> code"#
        let svg = try QRCode(encoding: "HELLO").svg(title: title)
        #expect(svg.contains("Tom &amp; Jerry&apos;s &lt;&quot;dose&quot;&gt; code"))
        #expect(!svg.contains("<\"dose\">"))

        let document = try XMLDocument(xmlString: svg, options: [])
        #expect(document.rootElement()?.elements(forName: "title").first?.stringValue == title)
    }

    @Test("The SVG has no style attribute or element, so a strict Content-Security-Policy allows it")
    func svgHasNoStyle() throws {
        let svg = try QRCode(encoding: uri).svg(title: "style")
        let document = try XMLDocument(xmlString: svg, options: [])
        let styleElements = try document.nodes(forXPath: "//*[local-name()='style']")
        let styleAttributes = try document.nodes(forXPath: "//@style")
        #expect(styleElements.isEmpty)
        #expect(styleAttributes.isEmpty)
        #expect(!svg.contains("style="))
    }

    @Test("The path draws exactly the dark modules, offset by the quiet zone")
    func pathMatchesModules() throws {
        let code = try QRCode(encoding: uri)
        let quietZone = 3
        var drawn = Set<[Int]>()
        for command in code.pathData(margin: quietZone).split(separator: "z") {
            let numbers = command.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5)
            #expect(numbers[3] == 1 && numbers[4] == -numbers[2])
            for x in numbers[0]..<(numbers[0] + numbers[2]) {
                #expect(drawn.insert([x - quietZone, numbers[1] - quietZone]).inserted)
            }
        }
        var expected = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) {
                expected.insert([x, y])
            }
        }
        #expect(drawn == expected)
    }

    @Test("Horizontal runs are merged into one rectangle each")
    func runsAreMerged() throws {
        let code = try QRCode(encoding: "HELLO")
        // The top row starts with the finder's seven dark modules, which must be a single rectangle.
        #expect(code.pathData(margin: 0).hasPrefix("M0 0h7v1h-7z"))
    }

    @Test("Module size and quiet zone scale the dimensions, and out-of-range values are clamped")
    func dimensionsFollowParameters() throws {
        let code = try QRCode(encoding: "HELLO")
        #expect(code.svg(moduleSize: 10, quietZone: 2, title: "t").contains(#"viewBox="0 0 25 25" width="250""#))
        #expect(code.svg(moduleSize: 0, quietZone: -1, title: "t").contains(#"viewBox="0 0 21 21" width="21""#))
    }

    @Test("Different codes get different title ids, the same code the same id")
    func titleIDsAreDistinctPerCode() throws {
        let first = try QRCode(encoding: "first")
        let second = try QRCode(encoding: "second")
        #expect(first.fingerprint != second.fingerprint)
        #expect(try QRCode(encoding: "first").svg(title: "a") == first.svg(title: "a"))
    }
}
