import Foundation

/// Starts one of the Python helpers of the tests (`Tests/Delivery/*.py`) that print "PORT <number>"
/// once they listen on 127.0.0.1, and waits at most 20 seconds for that line.
enum PortPrintingScript {
    /// Runs `script` (relative to the repository) with `arguments` in `process`; returns the port.
    static func start(_ script: String, _ arguments: [String], in process: Process) throws -> Int {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Receiver.repositoryRoot.appendingPathComponent(script).path] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice  // a closed connection makes http.server print a traceback
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("\n"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("PORT "), let port = Int(line.dropFirst(5)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(script) did not start: \(text)"])
        }
        return port
    }
}
