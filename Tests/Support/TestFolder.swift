import Foundation

/// Where this test process keeps its temporary files: one folder under the system's temporary
/// directory, made on first use and removed with everything in it when the process exits, so that
/// test runs leave nothing behind in /tmp. (The PostgreSQL cluster keeps its own folder, which its
/// watchdog removes.)
public enum TestFolder {
    /// The folder, `rathaus-tests-PID-RANDOM`.
    public static let run: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rathaus-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFolder.run) }
        return folder
    }()
}
