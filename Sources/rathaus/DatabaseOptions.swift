import ArgumentParser
import Foundation
import RathausStore

/// The `--database` option shared by every command that stores conversations and applications.
struct DatabaseOptions: ParsableArguments {
    /// Where the SQLite file lives unless `--database` says otherwise.
    static let defaultPath = "rathaus.sqlite"

    @Option(
        name: .long,
        help:
            "SQLite-Datei für Gespräche und Anträge (Standard: rathaus.sqlite im aktuellen Verzeichnis) oder postgres://BENUTZER@HOST:PORT/DATENBANK."
    )
    var database: String = DatabaseOptions.defaultPath

    @Option(name: .long, help: "Tage, nach denen Gesprächsverläufe und nicht abgeschickte Entwürfe gelöscht werden.")
    var retentionDays: Int = 30

    /// Opens the store (at `configuredPath` when the config names one and `--database` is not
    /// given) or says on standard error why it cannot.
    func open(configuredPath: String? = nil) throws -> ConversationStore {
        let database = self.database == Self.defaultPath ? configuredPath ?? self.database : self.database
        do {
            return try ConversationStore(path: database)
        } catch {
            StandardError.write("Die Datenbank \(ConversationStore.shownLocation(database)) lässt sich nicht öffnen: \(error)\n")
            throw ExitCode(1)
        }
    }
}
