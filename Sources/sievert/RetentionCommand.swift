import ArgumentParser
import SievertApp
import SievertServices

/// `sievert retention`: the end-of-retention job, a dry run unless told to apply.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract:
            "Find people past retention (75 years of age and 30 years after the last record); shred with --apply.",
        discussion: """
            A dry run by default: it reports who is due and changes nothing. With --apply each due person's data key \
            is deleted, so every value sealed under it becomes unreadable; ids and the audit ledger stay and the \
            ledger still verifies. The report (ids and counts only) goes to the retention report directory.
            """)

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Shred the people whose retention has ended.") var apply = false

    func run() async throws {
        try await options.withRuntime { runtime in
            let (report, path) = try await runtime.runRetention(apply: apply)
            Console.out(
                "\(report.examined) people examined, \(report.due.count) past retention, \(report.shredded) shredded, "
                    + "\(report.withoutDateOfBirth) kept for want of a date of birth\(apply ? "" : " (dry run)")")
            Console.out("report: \(path)")
        }
    }
}
