/// The whole loaded catalogue: departments, knowledge entries and intents, immutable once loaded.
///
/// Obtain one from ``CatalogLoader``; a catalogue that exists has passed every check. A class for
/// the same reason as ``IntentMatcher``: every conversation shares it, and a reference is cheaper
/// to copy than a struct of dictionaries.
public final class Catalog: Sendable {
    /// The department that answers when nothing else fits (Bürgerservice).
    public static let fallbackDepartmentID = "hauptamt"

    /// Departments by id.
    public let departments: [String: Department]
    /// Knowledge entries by id.
    public let knowledge: [String: KnowledgeEntry]
    /// Intents in a stable order (by file, then position in the file).
    public let intents: [Intent]
    /// Messages that no intent should answer (from `out_of_scope:` lists in `Intents/`).
    public let outOfScopeExamples: [String]
    /// Position of each intent in `intents`, by id.
    private let intentPositions: [String: Int]
    /// Words and what they also mean (from `synonyms:` in `Intents/`), e.g. "perso" → ["Personalausweis"].
    public let synonyms: [String: [String]]
    /// Online application forms by service id (from `Intents/formulare/`).
    public let forms: [String: FormDefinition]
    /// Referrals to other authorities by their intent id (from `Knowledge/verweise/`).
    public let referrals: [String: Referral]
    /// The town (from `Knowledge/gemeinde.yaml`).
    public let town: Town
    /// The translations beside the German files, by language (see `docs/languages.md`).
    public let translations: [Language: CatalogTranslation]
    /// The language of the texts: German, unless this is a ``localized(to:)`` copy.
    public let language: Language

    /// Creates a catalogue from already checked parts; use ``CatalogLoader`` to read one from disk.
    public init(
        departments: [String: Department], knowledge: [String: KnowledgeEntry], intents: [Intent],
        outOfScopeExamples: [String] = [], synonyms: [String: [String]] = [:], forms: [String: FormDefinition] = [:],
        referrals: [String: Referral] = [:], town: Town = .standard, translations: [Language: CatalogTranslation] = [:],
        language: Language = .german
    ) {
        self.translations = translations
        self.language = language
        self.referrals = referrals
        self.town = town
        self.synonyms = synonyms
        self.forms = forms
        self.departments = departments
        self.knowledge = knowledge
        self.intents = intents
        self.intentPositions = Dictionary(intents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.outOfScopeExamples = outOfScopeExamples
    }

    /// The intent with this id, if any.
    public func intent(_ id: String) -> Intent? {
        intentPositions[id].map { intents[$0] }
    }

    /// The department answering when nothing else fits, if the catalogue has it.
    public var fallbackDepartment: Department? {
        departments[Self.fallbackDepartmentID]
    }

    /// True when `intentID` is a referral to another authority, not one of the town's intents.
    public func isReferral(_ intentID: String) -> Bool {
        referrals[intentID] != nil
    }

    /// Number of intents that are services (have a knowledge entry).
    public var serviceCount: Int {
        intents.filter { knowledge[$0.id] != nil }.count
    }
}
