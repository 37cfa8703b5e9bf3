import ArgumentParser
import Foundation
import RathausConversations
import RathausDialog

/// `rathaus test [PATH]`: runs conversation tests (YAML files of turns) against the catalogue.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Führt Gesprächstests aus (YAML-Dateien mit Eingaben und erwarteten Antworten).")

    @OptionGroup var options: CatalogOptions
    @Argument(help: "Datei oder Ordner mit Gesprächstests (Standard: Tests/Conversations).") var path: String = "Tests/Conversations"

    func run() async throws {
        let catalog = try options.load()
        let runner = ConversationScriptRunner(engine: try ChatEngine(catalog: catalog))
        let files: [URL]
        do {
            files = try ConversationScript.files(at: URL(fileURLWithPath: path))
        } catch {
            StandardError.write("\(error)\n")
            throw ExitCode(1)
        }
        var failed = 0
        for file in files {
            let result = await runner.run(file: file)
            switch result {
            case .passed(let name): print("✔ \(name)")
            case .failed(let name, let report):
                failed += 1
                print("✘ \(name)\n\(report)")
            }
        }
        print("\(files.count - failed) von \(files.count) Gesprächstests bestanden.")
        if failed > 0 { throw ExitCode(1) }
    }
}
