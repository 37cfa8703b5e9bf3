import Foundation
import Testing

/// Kills `rathaus chat` in the middle of a form and continues with `--resume`, as after a crash.
/// Part of the serialized suite of the binary: processes started in parallel tests could otherwise
/// inherit each other's pipe ends.
extension CommandTests {
    /// A running `rathaus chat --json` that is fed one line at a time.
    final class LiveChat {
        let process = Process()
        private let input = Pipe(), output = Pipe()
        private var buffer = Data()

        init(_ arguments: [String]) throws {
            process.executableURL = try #require(BinaryRunner.executable)
            process.arguments = arguments
            process.currentDirectoryURL = BinaryRunner.repositoryRoot
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Sends one line and returns the JSON object printed for it.
        func send(_ line: String) throws -> [String: Any] {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
            while !buffer.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
                buffer += chunk
            }
            let end = buffer.firstIndex(of: UInt8(ascii: "\n"))!
            let lineData = buffer[..<end]
            buffer = Data(buffer[(end + 1)...])
            return try #require(try JSONSerialization.jsonObject(with: lineData) as? [String: Any])
        }

        /// SIGKILL: no chance to flush or clean up.
        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static func expectedField(_ object: [String: Any]) -> String? {
        (object["expecting"] as? [String: Any])?["field"] as? String
    }

    @Test("SIGKILL in the middle of a form, then --resume continues at the same field with every value kept")
    func killAndResume() throws {
        let database = BinaryRunner.temporaryDatabase()
        let chat = try LiveChat(["chat", "--json", "--database", database])
        let start = try chat.send("ich will sperrmüll anmelden")
        let conversation = try #require(start["conversation"] as? String)
        #expect(Self.expectedField(start) == "einwilligung")
        #expect(Self.expectedField(try chat.send("ja")) == "name")
        #expect(Self.expectedField(try chat.send("Anna Müller")) == "abholadresse")
        let beforeKill = try chat.send("Lindenweg 7b")
        #expect(Self.expectedField(beforeKill) == "plz")
        #expect(chat.process.isRunning)
        chat.kill()
        #expect(chat.process.terminationReason == .uncaughtSignal)

        let resumed = try BinaryRunner.run(
            ["chat", "--json", "--database", database, "--resume", conversation],
            input: "12345\n1 Sofa, 1 Sessel\n2\nnein\nüberspringen\nanna@example.org\nweiter\n")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let objects = try resumed.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.allSatisfy { $0["conversation"] as? String == conversation })
        #expect(Self.expectedField(objects[0]) == "gegenstaende", "the postal code was taken for the field asked before the kill")
        let summary = try #require(objects.last)
        #expect(summary["state"] as? String == "confirm")
        let text = (summary["replies"] as? [String])?.joined(separator: "\n") ?? ""
        #expect(text.contains("Anna Müller"), "values from before the kill are kept")
        #expect(text.contains("Lindenweg 7b"))
        #expect(text.contains("12345"))
    }

    @Test("--resume with an unknown conversation says so and exits 1")
    func unknownConversation() throws {
        let output = try BinaryRunner.run(["chat", "--database", BinaryRunner.temporaryDatabase(), "--resume", "nope"])
        #expect(output.status == 1)
        #expect(output.standardError.contains("nope"))
    }
}
