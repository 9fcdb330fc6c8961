import ArgumentParser

/// `sievert`: one binary for the server and every operator task.
@main
struct SievertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sievert",
        abstract: "Radiation dose records for a Radiation Protection Service, encrypted at rest.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, OrganisationCommand.self, ImportCommand.self,
            ExportCommand.self, TokensCommand.self, UsersCommand.self, ParticipantsCommand.self, AuditCommand.self,
            BreachCommand.self, PassbookCommand.self, DosemetersCommand.self, AlertsCommand.self, MailCommand.self,
            ReportCommand.self, KeysCommand.self, RetentionCommand.self, ConfigCommand.self, BackupCommand.self,
            RestoreCommand.self,
        ])
}
