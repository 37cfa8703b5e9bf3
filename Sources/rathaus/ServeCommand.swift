import ArgumentParser
import Foundation
import Hummingbird
import RathausCore
import RathausServer

/// `rathaus serve`: the HTTP API for the chat widget.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Startet den HTTP-Server für das Chat-Widget (API unter /api/v1).")

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @Option(name: .long, help: "Adresse, an der der Server lauscht.") var host = "127.0.0.1"
    @Option(name: .long, help: "Port (0: ein freier Port).") var port = 8080

    func run() async throws {
        let catalog = try options.load()
        let api = ChatAPI(catalog: catalog, matcher: try IntentMatcher(catalog: catalog), store: try storage.open(),
                          retentionDays: storage.retentionDays)
        let app = Application(router: api.router(), configuration: .init(address: .hostname(host, port: port)),
                              onServerRunning: { channel in print("Rathaus lauscht auf \(channel.localAddress?.description ?? "?")"); fflush(nil) })
        try await app.runService()
    }
}
