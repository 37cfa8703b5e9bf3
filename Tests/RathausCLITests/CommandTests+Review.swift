import Foundation
import RathausTestSupport
import Testing

/// `rathaus review`: the misses of stored conversations become example lines, as staff decide.
extension CommandTests {
    /// A copy of the shipped catalogue and the evaluation set in a fresh git repository.
    static func reviewedCatalog() throws -> URL {
        let folder = TestFolder.run.appendingPathComponent("rathaus-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Tests/Evaluation"), withIntermediateDirectories: true)
        for path in ["Intents", "Knowledge", "Tests/Evaluation/evaluation.jsonl"] {
            try FileManager.default.copyItem(
                at: BinaryRunner.repositoryRoot.appendingPathComponent(path), to: folder.appendingPathComponent(path))
        }
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "catalogue"]] {
            let status = try Self.git(arguments, in: folder).status
            #expect(status == 0, "git \(arguments.joined(separator: " "))")
        }
        return folder
    }

    static func git(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("review --json lists the misses (scrubbed, none with a phone number); scripted decisions add exactly those lines, eval before and after")
    func reviewDecisions() throws {
        let catalog = try Self.reviewedCatalog()
        defer { try? FileManager.default.removeItem(at: catalog) }
        let database = BinaryRunner.temporaryDatabase()
        let common = ["--database", database, "--catalog", catalog.path]
        for input in [
            "kann man bei euch fahrräder leihen\nwo ist der nächste geldautomat\n",
            "kann man bei euch fahrräder leihen\nruf mich an 0171 1234567 wegen dem ding\n",
        ] {
            #expect(try BinaryRunner.run(["chat"] + common, input: input).status == 0)
        }
        let listed = try BinaryRunner.run(["review", "--json"] + common)
        #expect(listed.status == 0, "\(listed.standardError)")
        let items = try #require(
            (try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.map { $0["text"] as? String } == ["kann man bei euch fahrräder leihen", "wo ist der nächste geldautomat"])
        #expect(items.first?["conversations"] as? Int == 2)
        #expect((items.first?["guesses"] as? [Any])?.count == 2)
        #expect(!listed.standardOutput.contains("0171"), "a question with a phone number is not shown")

        let decisions = catalog.appendingPathComponent("decisions.jsonl")
        try """
        {"text": "kann man bei euch fahrräder leihen", "decision": "out_of_scope"}
        {"text": "wo ist der nächste geldautomat", "decision": "kontakt"}
        """.write(to: decisions, atomically: true, encoding: .utf8)
        let applied = try BinaryRunner.run(["review", "--json", "--decisions", decisions.path] + common)
        #expect(applied.status == 0, "\(applied.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(applied.standardOutput.utf8)) as? [String: Any])
        #expect((summary["added"] as? [Any])?.count == 2)
        for key in ["eval_before", "eval_after"] {
            #expect((summary[key] as? [String: Any])?["total"] as? Int == 296, "\(key): \(summary)")
        }
        let diff = try Self.git(["diff", "-U0", "--", "Intents"], in: catalog).output
        let changed = diff.split(separator: "\n").filter { ($0.hasPrefix("+") || $0.hasPrefix("-")) && !$0.hasPrefix("+++") && !$0.hasPrefix("---") }
        #expect(
            Set(changed) == ["+  - kann man bei euch fahrräder leihen", "+      - wo ist der nächste geldautomat"] && changed.count == 2, "\(diff)")

        try #"{"text": "kann man bei euch fahrräder leihen", "decision": "gibtsnicht"}"#.write(to: decisions, atomically: true, encoding: .utf8)
        let unknown = try BinaryRunner.run(["review", "--json", "--decisions", decisions.path] + common)
        #expect(unknown.status != 0 && unknown.standardError.contains("gibtsnicht"))
        #expect(try Self.git(["diff", "--numstat", "--", "Intents"], in: catalog).output.split(separator: "\n").count == 2, "nothing more written")
    }
}
