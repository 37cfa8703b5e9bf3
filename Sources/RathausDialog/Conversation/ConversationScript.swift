import Foundation
import RathausCatalog
import Yams

/// A conversation test: citizen turns with what the replies must contain, read from a YAML file
/// (`Tests/Conversations/*.yaml`).
///
/// ```yaml
/// name: Sperrmüll anmelden, alles richtig
/// today: 2026-11-30           # optional: the date relative answers count from
/// now: 2027-03-06T10:00       # optional: the town's clock for opening hours (default: today, 10:00)
/// language: en                # optional: the conversation's language, as chosen (default: detected)
/// turns:
///   - user: ich will sperrmüll anmelden
///     bot: Sperrmüllabholung   # text the replies contain (or a list of texts)
///     state: form              # optional: idle, form, confirm, submitted
///     expecting: name          # optional: the field asked next
///     language: en             # optional: the language the replies are written in
///   - file: dateien/baum.png   # the citizen sends this file (path beside the script) to the
///     bot: ist da              #   document field asked now, as `datei: PFAD` does in the terminal
///   - restart: true            # store, drop and reload the conversation, as after a crash
///   - user: Anna Müller
///     bot_regex: "Straße"      # optional: a regular expression the replies match
///     not: "nicht erkannt"     # optional: text the replies must not contain
///     suggestions: [Kosten]    # optional: labels the turn must offer as suggestions
///     max_words: 80            # optional: most words of the first reply
/// ```
public struct ConversationScript: Sendable {
    /// One step: a citizen turn (a message or a file) with expectations, or a restart.
    public struct Step: Sendable {
        /// What the citizen writes; nil for a file or a restart.
        public let user: String?
        /// The file the citizen sends; nil for a message or a restart.
        public let file: URL?
        /// Texts the joined replies must contain.
        public let contains: [String]
        /// A regular expression the joined replies must match.
        public let regex: String?
        /// Texts the joined replies must not contain.
        public let notContains: [String]
        /// The state after the turn.
        public let state: String?
        /// The field expected next.
        public let expecting: String?
        /// Labels the turn must offer as suggestions.
        public let suggestions: [String]
        /// Most words of the turn's first reply.
        public let maxWords: Int?
        /// The language the replies must be written in.
        public var language: Language? = nil
        /// The line in the file.
        public let line: Int
    }

    /// A problem reading a script file.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        /// File and line and what is wrong.
        public let description: String
    }

    /// The test's name.
    public let name: String
    /// The date relative answers count from.
    public let today: CalendarDate
    /// The town's clock during the test, for opening hours.
    public let now: TownTime
    /// The steps in order.
    public let steps: [Step]
    /// The language chosen for the conversation; nil: detected from the first message.
    public let language: Language?

    /// The default date of scripts that name none, so that runs are repeatable.
    public static let defaultToday = CalendarDate(year: 2026, month: 11, day: 30)!

    /// Reads a script file.
    public init(contentsOf url: URL) throws {
        let file = url.lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw ReadError(description: "\(file): nicht lesbar") }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw ReadError(description: "\(file): kein gültiges YAML (\(error))") }
        guard let root = node?.mapping else { throw ReadError(description: "\(file): erwartet werden 'name' und 'turns'") }
        name = root["name"]?.string ?? url.deletingPathExtension().lastPathComponent
        if let dateText = root["today"]?.string {
            guard let date = CalendarDate(iso: dateText) else {
                throw ReadError(description: "\(file): 'today: \(dateText)' ist kein Datum (JJJJ-MM-TT)")
            }
            today = date
        } else {
            today = Self.defaultToday
        }
        if let nowText = root["now"]?.string {
            guard let moment = TownTime(iso: nowText) else {
                throw ReadError(description: "\(file): 'now: \(nowText)' ist kein Zeitpunkt (JJJJ-MM-TTTHH:MM)")
            }
            now = moment
        } else {
            now = TownTime(date: today, time: ClockTime(hour: 10)!)
        }
        if let tag = root["language"]?.string {
            guard let chosen = Language(tag: tag) else {
                throw ReadError(description: "\(file): 'language: \(tag)' gibt es nicht (de, en oder de-x-ls)")
            }
            language = chosen
        } else {
            language = nil
        }
        guard let turns = root["turns"]?.sequence, turns.count > 0 else { throw ReadError(description: "\(file): 'turns' fehlt oder ist leer") }
        steps = try turns.map { item in
            let line = item.mark?.line ?? 1
            guard let mapping = item.mapping else {
                throw ReadError(description: "\(file):\(line): ein Schritt braucht 'user:' oder 'restart: true'")
            }
            let known = ["user", "file", "bot", "bot_regex", "not", "state", "expecting", "restart", "suggestions", "max_words", "language"]
            if let unknown = mapping.keys.compactMap(\.string).first(where: { !known.contains($0) }) {
                throw ReadError(description: "\(file):\(line): unbekannter Schlüssel '\(unknown)' (erlaubt: \(known.joined(separator: ", ")))")
            }
            func texts(_ key: String) -> [String] {
                if let list = mapping[key]?.sequence { return list.compactMap(\.string) }
                return mapping[key]?.string.map { [$0] } ?? []
            }
            let user = mapping["user"]?.string
            let sent = mapping["file"]?.string.map { url.deletingLastPathComponent().appendingPathComponent($0) }
            let isRestart = mapping["restart"]?.bool == true || mapping["restart"]?.string == "true"
            guard user != nil || sent != nil || isRestart else {
                throw ReadError(description: "\(file):\(line): ein Schritt braucht 'user:', 'file:' oder 'restart: true'")
            }
            var step = Step(
                user: user, file: sent, contains: texts("bot"), regex: mapping["bot_regex"]?.string, notContains: texts("not"),
                state: mapping["state"]?.string, expecting: mapping["expecting"]?.string, suggestions: texts("suggestions"),
                maxWords: mapping["max_words"]?.int, line: line)
            if let tag = mapping["language"]?.string {
                guard let language = Language(tag: tag) else {
                    throw ReadError(description: "\(file):\(line): 'language: \(tag)' gibt es nicht (de, en oder de-x-ls)")
                }
                step.language = language
            }
            return step
        }
    }

    /// The script files at `url`: the file itself, or every `.yaml` file in the folder, sorted.
    public static func files(at url: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ReadError(description: "\(url.path) gibt es nicht")
        }
        guard isDirectory.boolValue else { return [url] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { url.appendingPathComponent($0) }
    }
}
