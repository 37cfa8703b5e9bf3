import ArgumentParser

/// The `rathaus` command-line tool: chat with the assistant and let staff check and evaluate the catalogue.
@main
struct Rathaus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rathaus",
        abstract: "Der digitale Assistent für die Bürgerinnen und Bürger einer Kommune.",
        subcommands: [
            ChatCommand.self, AskCommand.self, CheckCommand.self, EvalCommand.self, TestCommand.self, AnswersCommand.self, PurgeCommand.self,
            DeliverCommand.self,
            DeliveriesCommand.self, StatusCommand.self, SchemaCommand.self, ServeCommand.self, MaintenanceCommand.self, ReportCommand.self,
            ReviewCommand.self,
        ],
        defaultSubcommand: ChatCommand.self
    )
}
