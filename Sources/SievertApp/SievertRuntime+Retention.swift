import DoseCore
import Foundation
import Logging
import SievertServices

extension SievertRuntime {
    /// Runs the retention job and writes its report (JSON, ids and counts only, mode 0600) to the report
    /// directory. Shreds only when `apply` is true.
    public func runRetention(apply: Bool) async throws -> (report: Retention.Report, path: String) {
        let report = try await sievert.retention.run(apply: apply, by: .console(requestID: "retention"))
        try FileSystem.createPrivateDirectory(settings.effectiveRetentionReportDirectory)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let path = (settings.effectiveRetentionReportDirectory as NSString).appendingPathComponent(
            "retention-\(stamp)-\(apply ? "applied" : "dry-run").json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileSystem.writePrivate(Array(try encoder.encode(report)), to: path)
        logger.notice(
            "retention job ran",
            metadata: [
                "applied": "\(apply)", "examined": "\(report.examined)", "due": "\(report.due.count)",
                "shredded": "\(report.shredded)", "report": "\(path)",
            ])
        return (report, path)
    }
}
