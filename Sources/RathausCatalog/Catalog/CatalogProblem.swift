/// One problem found while loading a catalogue: where it is, what is wrong and what to write instead.
///
/// Problems never contain citizen text; they point into files that staff edit. `message` and `fix`
/// are German sentences meant for content editors.
public struct CatalogProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable, machine-readable kind of problem.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The file is not valid YAML.
        case yamlSyntax = "yaml-syntax"
        /// The file could not be read (permissions, encoding).
        case unreadableFile = "unreadable-file"
        /// A required field is missing or empty.
        case missingField = "missing-field"
        /// A field has the wrong kind of value (for example a list where text is expected).
        case wrongType = "wrong-type"
        /// A field name that the format does not know (often a typo).
        case unknownField = "unknown-field"
        /// A value that does not have the required form (for example a LeiKa key).
        case invalidValue = "invalid-value"
        /// The same id is defined twice.
        case duplicateID = "duplicate-id"
        /// The id inside the file differs from the file name.
        case idMismatch = "id-mismatch"
        /// A department id that no file in `Knowledge/stellen/` defines.
        case unknownDepartment = "unknown-department"
        /// An intent that has neither a knowledge entry of the same id nor an answer text.
        case intentWithoutKnowledge = "intent-without-knowledge"
        /// A knowledge entry that no intent points to.
        case knowledgeWithoutIntent = "knowledge-without-intent"
        /// An intent without example utterances.
        case emptyExamples = "empty-examples"
        /// A placeholder in an answer text that cannot be filled.
        case unknownPlaceholder = "unknown-placeholder"
        /// A folder the catalogue needs does not exist.
        case missingDirectory = "missing-directory"
        /// A translation that does not fit its German file (an id, a list's length, an amount).
        case translationMismatch = "translation-mismatch"
        /// A text in Leichte Sprache that breaks one of its rules.
        case easyLanguage = "leichte-sprache"
        /// Negations counted in a text in Leichte Sprache: shown, not an error.
        case negations = "verneinungen"
    }

    /// What kind of problem this is.
    public let code: Code
    /// The file, relative to the catalogue directory (for example `Knowledge/reisepass-beantragen.yaml`).
    public let file: String
    /// The line, starting at 1.
    public let line: Int
    /// The column, starting at 1, where known.
    public let column: Int?
    /// What is wrong, in German.
    public let message: String
    /// What to write instead, in German.
    public let fix: String

    /// Creates a problem.
    public init(code: Code, file: String, line: Int, column: Int? = nil, message: String, fix: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
    }

    /// `file:line: message Fix.` — the form compilers use, so editors can jump to it.
    public var description: String {
        let position = column.map { "\(line):\($0)" } ?? "\(line)"
        return "\(file):\(position): \(message) \(fix)"
    }
}
