import Foundation
import Yams

/// Reads a catalogue directory (`Knowledge/`, `Knowledge/stellen/`, `Knowledge/verweise/`,
/// `Knowledge/gemeinde.yaml`, `Intents/`) and checks it.
///
/// Loading never stops at the first problem: ``check()`` returns every problem with file and line.
/// ``load()`` returns a catalogue only when there is none, so a catalogue with errors never replaces
/// a working one.
public struct CatalogLoader: Sendable {
    /// The directory that holds `Knowledge/` and `Intents/`.
    public let directory: URL
    /// Shared catalogues already read, reused by every town that builds on one (nil: read anew).
    let bases: SharedCatalogs?
    /// What file names in problems and locations start with: empty for the catalogue itself, the
    /// folder's path for a shared catalogue read as a town's base.
    let label: String

    /// Creates a loader for the catalogue below `directory`; a town that builds on a shared
    /// catalogue (`basis:` in `Knowledge/gemeinde.yaml`) takes it from `bases` when given.
    public init(directory: URL, bases: SharedCatalogs? = nil) {
        self.init(directory: directory, bases: bases, label: "")
    }

    /// A loader whose file names start with `label`.
    init(directory: URL, bases: SharedCatalogs?, label: String) {
        self.directory = directory
        self.bases = bases
        self.label = label
    }

    /// Loads the catalogue, or throws ``CatalogLoadError`` listing every problem.
    public func load() throws(CatalogLoadError) -> Catalog {
        let report = check()
        guard let catalog = report.catalog else { throw CatalogLoadError(problems: report.problems) }
        return catalog
    }

    /// Reads and checks everything, returning all problems and, when there are none, the catalogue.
    /// A town's files are laid over its base's (see ``overlaid(on:)``) before anything is checked.
    public func check() -> CatalogReport {
        var files = readFiles()
        if let baseDirectory = files.town?.baseDirectory(from: directory) {
            files = files.overlaid(on: (bases ?? SharedCatalogs()).files(at: baseDirectory))
        }
        return assemble(files)
    }

    /// The town of `Knowledge/gemeinde.yaml` alone (nil when there is none or it has errors): to
    /// learn the shared catalogue a town builds on before loading it.
    public func town() -> Town? {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(Self.townFile).path) else { return nil }
        guard case .town(let town, _) = read(Self.townFile, as: .town).content else { return nil }
        return town
    }

    /// Every file of this catalogue alone, read and parsed.
    func readFiles() -> CatalogFiles {
        var problems: [CatalogProblem] = []
        // A town over a base needs no folder of its own but `Knowledge/` for its `gemeinde.yaml`.
        let hasBase = town()?.base != nil
        func files(in folder: String) -> [String] {
            hasBase ? optionalYAMLFiles(in: folder, problems: &problems) : yamlFiles(in: folder, problems: &problems)
        }
        let folders = [
            (files: files(in: "Knowledge/stellen"), kind: FileKind.department, translated: TranslationParser.Kind.department),
            (files(in: "Knowledge").filter { $0 != Self.townFile }, .knowledge, .service),
            (files(in: "Intents"), .intents, .intents),
            (optionalYAMLFiles(in: Self.formFolder, problems: &problems), .form, .form),
            (optionalYAMLFiles(in: Self.referralFolder, problems: &problems), .referral, .referral),
        ]
        let townFiles = FileManager.default.fileExists(atPath: directory.appendingPathComponent(Self.townFile).path) ? [Self.townFile] : []

        // Every file is read and parsed on its own, spread over the cores, and kept in the order
        // of the files. A translation (`x.en.yaml`) is read beside its German file's kind.
        var kinds: [(files: [String], kind: FileKind)] = []
        for folder in folders {
            kinds.append((folder.files.filter { Language.ofFile($0) == nil }, folder.kind))
            for language in Language.allCases where language != .german {
                kinds.append((folder.files.filter { Language.ofFile($0) == language }, .translation(folder.translated, language)))
            }
        }
        kinds.append((townFiles, .town))
        let jobs = kinds.flatMap { files, kind in files.map { (file: $0, kind: kind) } }
        let readFiles = ParallelWork.map(count: jobs.count) { number in read(jobs[number].file, as: jobs[number].kind) }
        let entries = zip(jobs, readFiles).map { CatalogFiles.Entry(file: $0.file, kind: $0.kind, content: $1) }
        return CatalogFiles(entries: entries, listingProblems: problems)
    }

    /// Checks the parsed files together and, when nothing is wrong, builds the catalogue from them.
    private func assemble(_ files: CatalogFiles) -> CatalogReport {
        var problems = files.listingProblems
        var parsedDepartments: [(Department, SourceLocation)] = [], parsedKnowledge: [KnowledgeParser.Parsed] = []
        var parsedIntentFiles: [IntentFileParser.Parsed] = [], parsedForms: [FormDefinition] = []
        var referrals: [Referral] = [], town = Town.standard, withdrawnLines: [String: Int] = [:]
        var translationFiles: [(file: String, parsed: TranslationParser.Parsed)] = []
        for entry in files.entries {
            problems += entry.content.problems
            switch entry.content.content {
            case .department(let parsed): parsedDepartments.append(parsed)
            case .knowledge(let parsed): parsedKnowledge.append(parsed)
            case .intents(let parsed): parsedIntentFiles.append(parsed)
            case .form(let parsed): parsedForms.append(parsed)
            case .referral(let parsed): referrals.append(parsed)
            case .town(let parsed, let lines): (town, withdrawnLines) = (parsed, lines)
            case .translation(let parsed): translationFiles.append((entry.content.file, parsed))
            case nil: break
            }
        }

        var departments: [String: (Department, SourceLocation)] = [:]
        for (department, location) in parsedDepartments {
            if let existing = departments[department.id] {
                problems.append(duplicate(department.id, at: location, first: existing.1))
            } else {
                departments[department.id] = (department, location)
            }
        }

        var knowledge: [String: KnowledgeParser.Parsed] = [:]
        for parsed in parsedKnowledge {
            if let existing = knowledge[parsed.entry.id] {
                problems.append(duplicate(parsed.entry.id, at: parsed.location, first: existing.location))
            } else {
                knowledge[parsed.entry.id] = parsed
            }
        }

        var intents: [Intent] = []
        var outOfScope: [String] = []
        var synonyms: [String: [String]] = [:]
        var intentLocations: [String: SourceLocation] = [:]
        for parsed in parsedIntentFiles {
            outOfScope += parsed.outOfScope
            synonyms.merge(parsed.synonyms) { $0 + $1 }
            for intent in parsed.intents {
                if let first = intentLocations[intent.id] {
                    problems.append(duplicate(intent.id, at: intent.source, first: first))
                    continue
                }
                intentLocations[intent.id] = intent.source
                intents.append(intent)
            }
        }
        // Referrals are recognised like intents, after the town's own.
        let townIntentCount = intents.count
        for referral in referrals {
            if let first = intentLocations[referral.intentID] {
                problems.append(duplicate(referral.intentID, at: referral.source, first: first))
                continue
            }
            intentLocations[referral.intentID] = referral.source
            intents.append(referral.intent())
        }

        var forms: [String: FormDefinition] = [:]
        for form in parsedForms {
            if departments[form.department] == nil {
                problems.append(
                    CatalogProblem(
                        code: .unknownDepartment, file: form.source.file, line: form.source.line,
                        message: "Die Stelle '\(form.department)' gibt es nicht.",
                        fix: "Nennen Sie unter 'department' eine Datei aus Knowledge/stellen/: \(departments.keys.sorted().joined(separator: ", ")).")
                )
            }
            // A form belongs to a service, or to an intent answered by its own text (the callback
            // request belongs to "mensch-sprechen").
            let answeredIntent = intents.contains { $0.id == form.id && $0.answer != nil }
            if knowledge[form.id] == nil, !answeredIntent {
                problems.append(
                    CatalogProblem(
                        code: .invalidValue, file: form.source.file, line: form.source.line,
                        message: "Es gibt keine Leistung '\(form.id)' in Knowledge/, zu der dieses Formular gehört.",
                        fix:
                            "Benennen Sie das Formular nach der id einer Leistung oder eines Intents mit 'answer:' "
                            + "oder legen Sie Knowledge/\(form.id).yaml an."))
            }
            forms[form.id] = form
        }

        for id in town.withdrawn.sorted() where knowledge[id] == nil {
            problems.append(
                CatalogProblem(
                    code: .invalidValue, file: Self.townFile, line: withdrawnLines[id] ?? 1,
                    message: "Die Basis hat keine Leistung '\(id)'.",
                    fix: "Nennen Sie unter 'nicht_angeboten' die id einer Leistung aus dem Ordner Knowledge/ der Basis."))
        }

        let crossCheck = CatalogCrossCheck(
            departments: departments.mapValues(\.0),
            knowledge: knowledge,
            intents: intents
        )
        problems += crossCheck.problems()
        var translationCheck = TranslationCrossCheck(
            german: .init(
                knowledge: knowledge.mapValues(\.entry), departments: departments.mapValues(\.0),
                referrals: Dictionary(referrals.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), intents: intents,
                forms: forms),
            files: translationFiles
        )
        // A shared catalogue's texts in Leichte Sprache are checked with the base, not for each town.
        translationCheck.checkedElsewhere = Set(files.entries.filter { $0.content.file != $0.file }.map(\.content.file))
        let translated = translationCheck.run()
        problems += translated.problems

        let counts = CatalogReport.Counts(
            departments: departments.count,
            intents: townIntentCount,
            services: intents.filter { knowledge[$0.id] != nil }.count,
            outOfScopeExamples: outOfScope.count,
            forms: forms.count,
            referrals: referrals.count
        )
        problems.sort { ($0.file, $0.line, $0.column ?? 0) < ($1.file, $1.line, $1.column ?? 0) }
        let notes = translated.notes
        guard problems.isEmpty else { return CatalogReport(problems: problems, notes: notes, counts: counts, catalog: nil) }
        let catalog = Catalog(
            departments: departments.mapValues(\.0), knowledge: knowledge.mapValues(\.entry),
            intents: intents, outOfScopeExamples: outOfScope, synonyms: synonyms, forms: forms,
            referrals: Dictionary(referrals.map { ($0.intentID, $0) }, uniquingKeysWith: { first, _ in first }), town: town,
            translations: translated.translations)
        return CatalogReport(problems: [], notes: notes, counts: counts, catalog: catalog)
    }

    /// The folder of form files, optional.
    static let formFolder = "Intents/formulare"
    /// The folder of referrals to other authorities, optional.
    static let referralFolder = "Knowledge/verweise"
    /// The town's own file, optional (without it the town is ``Town/standard``).
    static let townFile = "Knowledge/gemeinde.yaml"

    /// The YAML files in `folder` when it exists, else none.
    private func optionalYAMLFiles(in folder: String, problems: inout [CatalogProblem]) -> [String] {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(folder).path) else { return [] }
        return yamlFiles(in: folder, problems: &problems)
    }

    /// The `.yaml`/`.yml` files directly inside `folder`, sorted by name, as paths relative to the catalogue.
    private func yamlFiles(in folder: String, problems: inout [CatalogProblem]) -> [String] {
        let url = directory.appendingPathComponent(folder, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            problems.append(
                CatalogProblem(
                    code: .missingDirectory, file: label + folder, line: 1,
                    message: "Der Ordner '\(folder)' fehlt.",
                    fix: "Legen Sie ihn an oder geben Sie mit --catalog das Verzeichnis an, das Intents/ und Knowledge/ enthält."))
            return []
        }
        return
            names
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .filter { !$0.hasPrefix(".") }
            .sorted()
            .map { "\(folder)/\($0)" }
    }

    /// What a catalogue file is.
    enum FileKind: Sendable {
        case department, knowledge, intents, form, referral, town
        /// A translation into a language of a German file of the given kind.
        case translation(TranslationParser.Kind, Language)

        /// The place of the kind when files are put together: departments first, the town last.
        var order: Int {
            switch self {
            case .department: 0
            case .knowledge: 1
            case .intents: 2
            case .form: 3
            case .referral: 4
            case .translation: 5
            case .town: 6
            }
        }
    }

    /// What one file held, as its parser read it, and the problems found in it.
    struct ReadFile: Sendable {
        /// The parsed content, by kind of file.
        enum Content: Sendable {
            case department((Department, SourceLocation))
            case knowledge(KnowledgeParser.Parsed)
            case intents(IntentFileParser.Parsed)
            case form(FormDefinition)
            case referral(Referral)
            /// The town, with the line of each service it does not offer.
            case town(Town, withdrawnLines: [String: Int])
            case translation(TranslationParser.Parsed)
        }

        /// Nil when the file could not be read or parsed.
        let content: Content?
        /// Every problem of the file.
        let problems: [CatalogProblem]
        /// The file's name in problems (its path, after the label of a base).
        let file: String
    }

    /// Reads one file and hands its YAML to the parser for its kind, collecting the problems of both.
    private func read(_ file: String, as kind: FileKind) -> ReadFile {
        var reader = YAMLFieldReader(file: label + file)
        let content: ReadFile.Content? = node(of: file, reader: &reader).flatMap { node in
            switch kind {
            case .department: DepartmentParser.parse(node, &reader).map(ReadFile.Content.department)
            case .knowledge: KnowledgeParser.parse(node, &reader).map(ReadFile.Content.knowledge)
            case .intents: IntentFileParser.parse(node, &reader).map(ReadFile.Content.intents)
            case .form: FormParser.parse(node, &reader).map(ReadFile.Content.form)
            case .referral: ReferralParser.parse(node, &reader).map(ReadFile.Content.referral)
            case .town: parsedTown(node, &reader)
            case .translation(let kind, let language):
                TranslationParser.parse(node, kind: kind, language: language, &reader).map(ReadFile.Content.translation)
            }
        }
        return ReadFile(content: content, problems: reader.problems, file: reader.file)
    }

    /// The town file's content: the town, with the line of each service it does not offer; a
    /// `basis:` folder that does not exist is reported at its line.
    private func parsedTown(_ node: Node, _ reader: inout YAMLFieldReader) -> ReadFile.Content? {
        guard let town = TownParser.parse(node, &reader) else { return nil }
        let mapping = node.mapping
        if let base = town.base, let baseDirectory = town.baseDirectory(from: directory) {
            let knowledge = baseDirectory.appendingPathComponent("Knowledge")
            if !FileManager.default.fileExists(atPath: knowledge.path) {
                reader.report(
                    .missingDirectory, line: reader.line(of: mapping?["basis"]), "Die Basis '\(base)' hat keinen Ordner Knowledge/.",
                    fix: "Geben Sie den Ordner des gemeinsamen Katalogs relativ zum Ordner der Gemeinde an, z. B. ../land.")
                return nil
            }
        }
        var lines: [String: Int] = [:]
        for item in mapping?["nicht_angeboten"]?.sequence ?? [] {
            if let id = item.string { lines[id.trimmingCharacters(in: .whitespaces)] = reader.line(of: item) }
        }
        return .town(town, withdrawnLines: lines)
    }

    /// The YAML of one file, or nil after reporting why there is none.
    private func node(of file: String, reader: inout YAMLFieldReader) -> Node? {
        let url = directory.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            reader.report(.unreadableFile, line: 1, "Die Datei kann nicht gelesen werden.", fix: "Prüfen Sie die Zugriffsrechte.")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.report(
                .unreadableFile, line: 1, "Die Datei ist nicht in UTF-8 gespeichert.",
                fix: "Speichern Sie sie im Editor mit der Kodierung UTF-8.")
            return nil
        }
        return reader.compose(text)
    }

    private func duplicate(_ id: String, at location: SourceLocation, first: SourceLocation) -> CatalogProblem {
        CatalogProblem(
            code: .duplicateID, file: location.file, line: location.line,
            message: "Die id '\(id)' ist schon in \(first) vergeben.",
            fix: "Wählen Sie eine andere id oder entfernen Sie einen der beiden Einträge.")
    }
}

/// Every problem of a catalogue that failed to load.
public struct CatalogLoadError: Error, Sendable, CustomStringConvertible {
    /// The problems, sorted by file and line; never empty.
    public let problems: [CatalogProblem]

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// The result of checking a catalogue: all problems, the counts, and the catalogue if it is sound.
public struct CatalogReport: Sendable {
    /// How much the catalogue holds.
    public struct Counts: Sendable, Hashable, Codable {
        /// Departments read from `Knowledge/stellen/`.
        public let departments: Int
        /// Intents read from `Intents/` (referrals not counted).
        public let intents: Int
        /// Intents that have a knowledge entry.
        public let services: Int
        /// Messages listed under `out_of_scope:`.
        public let outOfScopeExamples: Int
        /// Forms read from `Intents/formulare/`.
        public let forms: Int
        /// Referrals read from `Knowledge/verweise/`.
        public let referrals: Int

        /// Creates counts.
        public init(departments: Int, intents: Int, services: Int, outOfScopeExamples: Int = 0, forms: Int = 0, referrals: Int = 0) {
            self.referrals = referrals
            self.departments = departments
            self.intents = intents
            self.services = services
            self.outOfScopeExamples = outOfScopeExamples
            self.forms = forms
        }
    }

    /// All problems, sorted by file and line.
    public let problems: [CatalogProblem]
    /// What is worth a look but no error (negations in Leichte Sprache), sorted by file and line.
    public let notes: [CatalogProblem]
    /// What was read, also when there are problems.
    public let counts: Counts
    /// The catalogue, present only when `problems` is empty.
    public let catalog: Catalog?
}
