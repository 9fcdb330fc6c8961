import DoseCore
import Foundation

extension BreachReport {
    /// The report with its dates as text and its decisions ready for the printable template.
    struct View {
        var report: BreachReport
        var incidentText: String
        var sourceText: String
        var statusText: String
        var occurredText: String
        var awareText: String
        var declaredText: String
        var dueText: String
        var generatedText: String
        var decisions: [DecisionLine]
        var hasOrganisations: Bool
    }

    struct DecisionLine {
        var at: String
        var kind: String
        var actor: String
        var text: String
    }

    var view: View {
        let iso = ISO8601DateFormatter()
        return View(
            report: self, incidentText: incident.description,
            sourceText: source == .processor ? "a processor or supplier" : "our own systems",
            statusText: status.rawValue,
            occurredText: iso.string(from: occurredAt), awareText: iso.string(from: awareAt),
            declaredText: iso.string(from: declaredAt), dueText: iso.string(from: reportDue),
            generatedText: iso.string(from: generatedAt),
            decisions: decisions.map {
                DecisionLine(at: iso.string(from: $0.at), kind: $0.kind.rawValue, actor: $0.actor, text: $0.text)
            },
            hasOrganisations: !organisations.isEmpty)
    }
}
