import DoseCore
import Foundation
import Hummingbird
import Interchange
import SievertServices

/// `POST /api/v1/organisations/{code}/readings`: the lab's JSON ingest. Each object is one row of Sievert's own
/// reading format (see `LabReadingsCSV`); the batch goes through the same validator and the same import as a
/// file, so the rules cannot drift apart. A problem names the reading by its index: `readings[3].hp10`.
struct ReadingRoutes {
    let sievert: Sievert

    struct Body: Codable {
        var readings: [Reading]
    }

    struct Reading: Codable {
        var serial: String
        var participantCode: String?
        var position: String
        var periodBegin: String
        var periodEnd: String
        /// mSv, `M` (below the reporting level) or absent.
        var hp10: String?
        var hp007: String?
        var hp3: String?
        var note: String?
        var version: Int
    }

    struct Outcome: Codable {
        var imported: Int
        var alreadyImported: Int
        var controls: Int
        var doseEntries: Int
        var superseded: Int
        var withoutControl: Int
    }

    static let fieldForColumn = [
        "serial": "serial", "participant_code": "participantCode", "kind": "position", "position": "position",
        "period_begin": "periodBegin", "period_end": "periodEnd", "hp10": "hp10", "hp007": "hp007", "hp3": "hp3",
        "note": "note", "version": "version",
    ]

    func register(on routes: SecuredRoutes) {
        routes.post("organisations/:code/readings", .only(.rpsAdmin, .lab, object: .organisation(parameter: "code"))) {
            request, context in
            let body = try await request.decodeJSON(Body.self, context: context)
            guard !body.readings.isEmpty else {
                throw Problem.invalid([ValidationError(field: "readings", reason: "must hold at least one reading")])
            }
            var rows = [LabReadingsCSV.sievertHeader]
            for reading in body.readings {
                let kind = BodyPosition(rawValue: reading.position)?.kind.rawValue ?? ""
                rows.append([
                    reading.serial, reading.participantCode ?? "", kind, reading.position, reading.periodBegin,
                    reading.periodEnd, reading.hp10 ?? "", reading.hp007 ?? "", reading.hp3 ?? "", reading.note ?? "",
                    String(reading.version),
                ])
            }
            let report = try await sievert.readingsImport.run(
                CSVWriter.encode(rows), organisationCode: try context.parameters.require("code"), dateFormat: .iso,
                by: try context.requireCaller())
            guard report.committed else {
                throw Problem.invalid(
                    report.problems.map { problem in
                        let field = problem.column.map { Self.fieldForColumn[$0] ?? $0 }
                        return ValidationError(
                            field: problem.line >= 2
                                ? "readings[\(problem.line - 2)]" + (field.map { ".\($0)" } ?? "") : "readings",
                            reason: problem.reason)
                    })
            }
            return JSON(
                value: Outcome(
                    imported: report.imported, alreadyImported: report.alreadyImported, controls: report.controls,
                    doseEntries: report.doseEntries, superseded: report.superseded,
                    withoutControl: report.withoutControl),
                status: report.imported > 0 ? .created : .ok)
        }
    }
}
