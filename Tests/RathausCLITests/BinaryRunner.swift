import Foundation
import RathausTestSupport

/// Runs the built `rathaus` binary as a separate process, the way scripts and staff use it.
struct BinaryRunner {
    /// What one run printed and how it ended.
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The repository root, used as the working directory so the shipped catalogue is found.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `rathaus` executable that `swift build`/`swift test` placed next to the test bundle.
    static var executable: URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL { candidates.append(bundle.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in candidates {
            var folder = directory
            for _ in 0..<4 {
                let binary = folder.appendingPathComponent("rathaus")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// Runs `rathaus ARGUMENTS` with `input` on standard input (not a terminal), with `environment`
    /// added to this process's variables.
    static func run(
        _ arguments: [String], input: String = "", directory: URL = repositoryRoot, environment: [String: String] = [:]
    ) throws -> Output {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.currentDirectoryURL = directory
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
    }

    /// A path for a fresh SQLite file in a new temporary folder.
    static func temporaryDatabase() -> String {
        let folder = TestFolder.run.appendingPathComponent("rathaus-cli-\(UUID().uuidString)")
        return folder.appendingPathComponent("test.sqlite").path
    }
}
