import ArgumentParser
import Foundation
import RathausCatalog

/// The `--catalog` option shared by every command that reads the catalogue.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: "Verzeichnis mit Intents/ und Knowledge/ (Standard: aktuelles Verzeichnis).")
    var catalog: String = "."

    var directory: URL { URL(fileURLWithPath: catalog, isDirectory: true) }

    /// Loads the catalogue or prints every problem to standard error and exits with status 1.
    func load() throws -> Catalog {
        do {
            return try CatalogLoader(directory: directory).load()
        } catch {
            StandardError.write("Der Katalog in \(directory.path) enthält Fehler (Details: rathaus check):\n\(error.description)\n")
            throw ExitCode(1)
        }
    }
}

/// Writes to standard error.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// JSON the way the command contracts print it: sorted keys, no escaped slashes, one line.
enum JSONLine {
    static func string<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
