import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SievertServices

/// One link of the portal's main navigation.
struct NavigationItem {
    var label: String
    var href: String
    var current: Bool
}

/// A field at fault on a form: the summary at the top links to the field by its id.
struct FieldProblem {
    var field: String
    var reason: String
    var label: String
}

/// A page to render: its template, its title (the `<h1>` and the `<title>`), and the values the template reads.
struct PortalPage {
    var template: String
    var title: String
    var values: Any
    var status: HTTPResponse.Status = .ok
    /// Invalid fields, for a form shown again.
    var problems: [FieldProblem] = []
    /// What the form held when it was sent, shown again on error.
    var form: [String: String] = [:]

    init(_ template: String, title: String, values: Any = [String: String](), status: HTTPResponse.Status = .ok) {
        self.template = template
        self.title = title
        self.values = values
        self.status = status
    }
}

/// What the layout and every page template can read besides the page's own values.
struct PageScope {
    var page: Any
    var title: String
    var csrf: String
    var signedIn: Bool
    var role: String?
    var navigation: [NavigationItem]
    var notice: String?
    var problems: [FieldProblem]
    var hasProblems: Bool
    /// The reason per field, for the message under each field.
    var fieldErrors: [String: String]
    var form: [String: String]
    var body: String
}

extension PortalPage {
    /// The page as an HTML response, inside the layout.
    func response(caller: Caller?, csrf: String, path: String, notice: String?) throws -> Response {
        var scope = PageScope(
            page: values, title: title, csrf: csrf, signedIn: caller != nil,
            role: caller.map { Self.roleLabel($0.role) },
            navigation: caller.map { Self.navigation(for: $0, path: path) } ?? [], notice: notice, problems: problems,
            hasProblems: !problems.isEmpty,
            fieldErrors: Dictionary(problems.map { ($0.field, $0.reason) }, uniquingKeysWith: { first, _ in first }),
            form: form, body: "")
        scope.body = try PortalTemplates.render(scope, with: template)
        let html = try PortalTemplates.render(scope, with: "layout")
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func roleLabel(_ role: Role) -> String {
        switch role {
        case .rpsAdmin: "RPS administrator"
        case .orgLead: "Organisation lead"
        case .wearer: "Wearer"
        case .lab: "Laboratory"
        case .auditor: "Auditor"
        }
    }

    /// The main navigation of a role; the link whose path starts the current path is marked current.
    static func navigation(for caller: Caller, path: String) -> [NavigationItem] {
        let links: [(String, String)] =
            switch caller.role {
            case .rpsAdmin:
                [
                    ("Overview", "/admin"), ("Organisations", "/admin/organisations"), ("Alerts", "/admin/alerts"),
                    ("Dosemeters", "/admin/dosemeters"), ("Incidents", "/admin/incidents"),
                    ("Keys and ledger", "/admin/system"),
                ]
            case .orgLead: [("Organisations", "/lead")]
            case .wearer:
                [
                    ("My doses", "/me"), ("My records", "/me/records"),
                    ("Who accessed my record", "/me/access"),
                ]
            case .auditor: [("Ledger", "/audit")]
            case .lab: []
            }
        let all = links + [("Password", "/account/password")]
        let current = all.filter { path == $0.1 || path.hasPrefix($0.1 + "/") }.max { $0.1.count < $1.1.count }?.1
        return all.map { NavigationItem(label: $0.0, href: $0.1, current: $0.1 == current) }
    }
}

/// A `303 See Other` to `location`, the answer to every successful form post (post/redirect/get).
func redirect(_ location: String, cookies: [String] = []) -> Response {
    var headers = HTTPFields()
    headers[.location] = location
    for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
    return Response(status: .seeOther, headers: headers)
}
