import ArgumentParser
import Foundation
import RathausStore

/// `rathaus purge`: deletes conversations (transcripts and unfinished drafts) past the retention
/// period, and the documents of ended procedures sent before it.
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Löscht Gesprächsverläufe und nicht abgeschickte Entwürfe, die älter als die Aufbewahrungsfrist sind.")

    @OptionGroup var storage: DatabaseOptions

    func run() throws {
        let store = try storage.open()
        let result = try store.purge(olderThan: storage.retentionDays)
        print("\(result.conversations) Gespräche gelöscht (älter als \(storage.retentionDays) Tage).")
        print("\(result.documents) Dokumente abgeschlossener Vorgänge gelöscht (älter als \(storage.retentionDays) Tage).")
    }
}
