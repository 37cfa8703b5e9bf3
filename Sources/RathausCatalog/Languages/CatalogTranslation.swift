/// The texts of one language beside the German catalogue, read from its `*.en.yaml` or `*.ls.yaml`
/// files. A translation holds text only; facts (addresses, hours, links, fees' amounts) stay in
/// the German files. What it leaves out is said in German (see ``Catalog/localized(to:)``).
public struct CatalogTranslation: Sendable {
    /// The texts of one service (`Knowledge/<id>.<suffix>.yaml`); nil or empty means untranslated.
    public struct Service: Sendable, Hashable {
        /// `leistungsbezeichnung`.
        public var name: String?
        /// `synonyme`: words speakers of the language use for the service.
        public var synonyms: [String] = []
        /// `kurztext`.
        public var summary: String?
        /// `volltext`.
        public var fullText: String?
        /// `erforderliche_unterlagen`.
        public var requiredDocuments: [String]?
        /// `voraussetzungen`.
        public var requirements: [String]?
        /// `kosten`.
        public var costs: [String]?
        /// `bearbeitungsdauer`.
        public var processingTime: String?
        /// `fristen`.
        public var deadlines: [String]?
        /// `verfahrensablauf`.
        public var procedure: [String]?
        /// `hinweise`.
        public var notes: [String]?
        /// `formulare`: the names of the German file's forms, in its order.
        public var formNames: [String]?
        /// `onlinedienst`: the name of the German file's online service.
        public var onlineServiceName: String?
        /// Where the translation is.
        public var source: SourceLocation

        /// An empty translation of a service, read from `source`.
        public init(source: SourceLocation) {
            self.source = source
        }
    }

    /// The texts of one department (`Knowledge/stellen/<id>.<suffix>.yaml`).
    public struct Department: Sendable, Hashable {
        /// `name`.
        public var name: String?
        /// `namen`: names speakers of the language use.
        public var names: [String] = []
        /// `oeffnungszeiten_hinweise`.
        public var hints: [String]?
    }

    /// The texts of one referral to another authority (`Knowledge/verweise/<id>.<suffix>.yaml`).
    public struct Referral: Sendable, Hashable {
        /// `name`.
        public var name: String?
        /// `zustaendig_fuer`.
        public var responsibleFor: String?
        /// `hinweis`.
        public var note: String?
        /// `stichwoerter`.
        public var keywords: [String] = []
        /// `beispiele`.
        public var examples: [String] = []
    }

    /// The texts of one form field.
    public struct Field: Sendable, Hashable {
        /// `label`.
        public var label: String?
        /// `prompt`.
        public var prompt: String?
        /// `help`.
        public var help: String?
        /// `aliases`: words for the field in corrections.
        public var aliases: [String] = []
        /// `unit` of a number field.
        public var unit: String?
        /// The options of a choice field by id.
        public var options: [String: Option] = [:]

        /// An empty field translation.
        public init() {}
    }

    /// The texts of one option of a choice field.
    public struct Option: Sendable, Hashable {
        /// `label`.
        public var label: String?
        /// `synonyms`: words that choose it.
        public var synonyms: [String] = []
    }

    /// The examples and answer of one intent in this language.
    public struct IntentText: Sendable, Hashable {
        /// `examples`.
        public var examples: [String] = []
        /// `answer`, for intents answered by their own text.
        public var answer: String?
    }

    /// The texts of one form (`Intents/formulare/<id>.<suffix>.yaml`).
    public struct Form: Sendable, Hashable {
        /// `title`.
        public var title: String?
        /// `purpose`.
        public var purpose: String?
        /// `next_steps`.
        public var nextSteps: String?
        /// The fields by id.
        public var fields: [String: Field] = [:]
    }

    /// The language.
    public let language: Language
    /// Services by id.
    public var services: [String: Service] = [:]
    /// Departments by id.
    public var departments: [String: Department] = [:]
    /// Referrals by their id (without the `verweis-` prefix).
    public var referrals: [String: Referral] = [:]
    /// Examples and answer texts of intents, by intent id (from `Intents/<file>.<suffix>.yaml`).
    public var intents: [String: IntentText] = [:]
    /// Messages no intent should answer, in this language.
    public var outOfScopeExamples: [String] = []
    /// Words and what they also mean, in this language.
    public var synonyms: [String: [String]] = [:]
    /// Forms by id.
    public var forms: [String: Form] = [:]
    /// The dialog's own texts by ``DialogText`` key (from `Intents/dialog.<suffix>.yaml`).
    public var dialogTexts: [String: String] = [:]

    /// An empty translation into `language`.
    public init(language: Language) {
        self.language = language
    }

    /// True when the translation holds nothing.
    public var isEmpty: Bool {
        services.isEmpty && departments.isEmpty && referrals.isEmpty && intents.isEmpty && outOfScopeExamples.isEmpty
            && forms.isEmpty && dialogTexts.isEmpty
    }
}
