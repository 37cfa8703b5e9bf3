import ArgumentParser
import Foundation
import RathausDelivery

/// `rathaus schema FORM`: the JSON Schema of a form's data in the webhook payload.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Gibt das JSON-Schema der Daten eines Formulars aus (Feld 'data' der Zustellung).")

    @OptionGroup var options: CatalogOptions
    @Argument(help: "Id des Formulars, z. B. sperrmuell-anmelden.") var form: String

    func run() throws {
        let catalog = try options.load()
        guard let definition = catalog.forms[form] else {
            StandardError.write("Ein Formular '\(form)' gibt es nicht. Vorhanden: \(catalog.forms.keys.sorted().joined(separator: ", "))\n")
            throw ExitCode(1)
        }
        let data = try JSONSerialization.data(
            withJSONObject: FormSchema.schema(for: definition),
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }
}
