import ArgumentParser
import Foundation
import RathausCatalog
import RathausConversations
import RathausDialog
import RathausStore

/// `rathaus status REFERENCE [set TYPE …]`: a clerk without a department system reads an
/// application's timeline and reports its next step, under the same rules as a department's
/// system through the API, into the same storage.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Den Verlauf eines Antrags zeigen oder einen Schritt melden.",
        discussion: """
            rathaus status MS-2026-000042
            rathaus status MS-2026-000042 set documents_requested --document foto:"Foto des Baums" --note "Bitte von der Straße aus."
            Schritte: \(ProcedureEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @OptionGroup var options: CatalogOptions
    @OptionGroup var storage: DatabaseOptions
    @Argument(help: "Vorgangsnummer, z. B. MS-2026-000042.") var reference: String
    @Argument(help: "„set“ und der Schritt, z. B. set in_progress (ohne: den Verlauf zeigen).") var change: [String] = []
    @Option(name: .long, help: "Notiz für die Bürgerin oder den Bürger (höchstens 2.000 Zeichen).") var note: String?
    @Option(name: .long, help: "Nachgefordertes Dokument als ID:BEZEICHNUNG, z. B. foto:\"Foto des Baums\"; mehrfach möglich.")
    var document: [String] = []
    @Option(name: .long, help: "Bis wann der nächste Schritt erwartet wird, z. B. 2027-01-31.") var expectedBy: String?

    func run() throws {
        let store = try storage.open()
        if !change.isEmpty { try report(to: store) }
        guard let status = try store.status(reference: reference) else {
            StandardError.write("Die Vorgangsnummer \(reference) gibt es nicht.\n")
            throw ExitCode(1)
        }
        print(ProcedureTimeline(status: status, catalog: try options.load(), today: .today()).text)
    }

    /// Stores the step `set TYPE` with its note, documents and date, or says why not.
    private func report(to store: ConversationStore) throws {
        let allowed = ProcedureEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        guard change.count == 2, change[0] == "set", let kind = ProcedureEvent.Kind(rawValue: change[1]) else {
            throw ValidationError("Erwartet wird „set SCHRITT“. Schritte: \(allowed).")
        }
        let documents = try document.map { text -> ProcedureEvent.RequestedDocument in
            guard let colon = text.firstIndex(of: ":") else {
                throw ValidationError("--document braucht ID:BEZEICHNUNG, z. B. foto:\"Foto des Baums\".")
            }
            return .init(id: String(text[..<colon]), label: String(text[text.index(after: colon)...]))
        }
        var expected: CalendarDate?
        if let expectedBy {
            guard let date = CalendarDate(iso: expectedBy) else { throw ValidationError("--expected-by braucht ein Datum wie 2027-01-31.") }
            expected = date
        }
        let event = ProcedureEvent(kind: kind, note: note, documents: documents, expectedBy: expected, source: "clerk")
        switch try ProcedureService.record(event, reference: reference, webhookID: nil, store: store, catalog: try options.load()) {
        case .accepted, .duplicate:
            print("Gespeichert: \(kind.german).")
        case .unknownReference:
            StandardError.write("Die Vorgangsnummer \(reference) gibt es nicht.\n")
            throw ExitCode(1)
        case .refused(let reason):
            StandardError.write("Nicht gespeichert: \(reason)\n")
            throw ExitCode(1)
        }
    }
}
