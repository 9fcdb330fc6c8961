import Foundation
import Mustache

/// The Mustache templates of printable reports, shipped as resources of this target so the CLI, the API and the
/// portal render the same pages. Every value is HTML-escaped: the templates use only `{{name}}`, never the
/// unescaped forms.
public enum ReportTemplates {
    /// The template names, each a `NAME.mustache` file in `Templates/`.
    public static let names = [
        "report-head", "period-report", "annual-summary", "termination-record", "breach-letters", "breach-report",
    ]

    /// The library of every template, loaded once.
    static let library: Result<MustacheLibrary, ServiceError> = {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            return .failure(.unavailable("the report templates are missing from the installation"))
        }
        var library = MustacheLibrary()
        for name in names {
            let url = directory.appendingPathComponent(name + ".mustache")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                return .failure(.unavailable("the report template \(name) cannot be read"))
            }
            do {
                try library.register(text, named: name)
            } catch {
                return .failure(.unavailable("the report template \(name) does not parse"))
            }
        }
        return .success(library)
    }()

    /// The text of template `name` as shipped, for checks on the templates themselves.
    public static func source(_ name: String) throws -> String {
        guard let template = try library.get().getTemplate(named: name) else {
            throw ServiceError.unavailable("no report template \(name)")
        }
        return template.description
    }

    /// `object` rendered with template `name`.
    static func render(_ object: Any, with name: String) throws -> String {
        guard let text = try library.get().render(object, withTemplate: name) else {
            throw ServiceError.unavailable("no report template \(name)")
        }
        return text
    }
}
