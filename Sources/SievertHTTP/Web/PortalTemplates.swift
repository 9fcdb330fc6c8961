import Foundation
import Mustache
import SievertServices

/// The portal's Mustache templates, shipped as resources of this target and loaded once. Values are always
/// HTML-escaped (`{{name}}`); the only unescaped insertion is the layout's `{{{body}}}`, which is a page this
/// library rendered itself, and SVG built in Swift from numbers.
enum PortalTemplates {
    // MustacheLibrary(directory:) does this walk too, but only as an async initialiser, and the library is
    // needed from the synchronous router set-up; so the directory is read here.
    static let library: Result<MustacheLibrary, ServiceError> = {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return .failure(.unavailable("the portal templates are missing from the installation")) }
        var library = MustacheLibrary()
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                return .failure(.unavailable("the portal template \(name) cannot be read"))
            }
            do {
                try library.register(text, named: name)
            } catch {
                return .failure(.unavailable("the portal template \(name) does not parse"))
            }
        }
        return .success(library)
    }()

    /// `object` rendered with template `name`.
    static func render(_ object: Any, with name: String) throws -> String {
        guard let text = try library.get().render(object, withTemplate: name) else {
            throw ServiceError.unavailable("no portal template \(name)")
        }
        return text
    }
}

/// The portal's static files, read once from the bundle: the stylesheet, and the one small script (the
/// incident clocks' countdown; every page works without it).
enum PortalAssets {
    static let stylesheet = load("sievert.css")
    static let clock = load("clock.js")

    private static func load(_ name: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Assets", withExtension: nil)?.appendingPathComponent(name),
            let data = try? Data(contentsOf: url)
        else { return [] }
        return Array(data)
    }
}
