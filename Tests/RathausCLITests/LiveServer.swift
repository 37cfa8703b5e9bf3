import Foundation
import RathausTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A running `rathaus serve --port 0` on 127.0.0.1, for tests that talk to the real process.
/// Sendable (its properties are constants), so that concurrent tasks can send it requests.
final class LiveServer: Sendable {
    let process = Process()
    /// Where it listens, e.g. `http://127.0.0.1:40123`.
    let baseURL: String
    /// Where the server's log (standard error) goes: a file, so that a full pipe never blocks it.
    let logFile = TestFolder.run.appendingPathComponent("rathaus-serve-\(UUID().uuidString).log")

    /// Starts the built binary with `arguments` after `serve --port 0` and waits until it listens.
    init(_ arguments: [String], directory: URL = BinaryRunner.repositoryRoot) throws {
        process.executableURL = try #require(BinaryRunner.executable)
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve ended before listening"]) }
            buffer += chunk
        }
        let line = String(decoding: buffer, as: UTF8.self)
        guard let range = line.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "unexpected first line: \(line)"])
        }
        baseURL = String(line[range])
    }

    /// Sends a request and returns the status and the body.
    func request(_ path: String, method: String = "GET", json: [String: Any]? = nil, token: String? = nil) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: baseURL + path)!, timeoutInterval: 15)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The body of a request as a JSON object.
    func object(_ path: String, method: String = "GET", json: [String: Any]? = nil, token: String? = nil) async throws -> [String: Any] {
        let (_, body) = try await request(path, method: method, json: json, token: token)
        return try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    }

    /// Polls `/metrics` until it contains `line`, for at most `seconds`.
    func waitForMetric(_ line: String, seconds: Double = 15) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let (_, body) = try await request("/metrics")
            if String(decoding: body, as: UTF8.self).contains(line) { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// What the server logged so far.
    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits at most `seconds` for the process to end; its exit status and what it logged, or nil
    /// (after killing it) when it did not end.
    func waitForExit(seconds: Double = 20) -> (status: Int32, log: String)? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            stop()
            return nil
        }
        return (process.terminationStatus, log)
    }

    /// Ends the process (SIGKILL) if it still runs.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
