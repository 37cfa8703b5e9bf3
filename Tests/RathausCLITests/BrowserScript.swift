import Foundation
import RathausTestSupport

/// A browser test in `Tests/Browser/` (Python, selenium, Chromium), run to its end.
enum BrowserScript {
    /// Runs `Tests/Browser/<name>` with `arguments`; its exit status and everything it printed.
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", BinaryRunner.repositoryRoot.appendingPathComponent("Tests/Browser/\(name)").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
