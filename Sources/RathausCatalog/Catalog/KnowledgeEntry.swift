/// A service description (Verwaltungsleistung) read from `Knowledge/<id>.yaml`, with FIM/LeiKa field names.
public struct KnowledgeEntry: Sendable, Hashable, Codable {
    /// A named link: a form or an online service.
    public struct Link: Sendable, Hashable, Codable {
        /// Name shown to citizens.
        public let name: String
        /// Absolute URL.
        public let url: String

        /// Creates a link.
        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    /// Stable id, equal to the file name and to the intent that answers with this entry.
    public let id: String
    /// `leistungsschluessel`: 14-digit LeiKa key or `local:…`.
    public let serviceKey: String
    /// `leistungsbezeichnung`: the name of the service.
    public let name: String
    /// `synonyme`: words citizens use for the service.
    public let synonyms: [String]
    /// `kurztext`: one to three sentences.
    public let summary: String
    /// `volltext`: the longer description, if any.
    public let fullText: String?
    /// `erforderliche_unterlagen`.
    public let requiredDocuments: [String]
    /// `voraussetzungen`.
    public let requirements: [String]
    /// `kosten`: one line per fee.
    public let costs: [String]
    /// `bearbeitungsdauer`.
    public let processingTime: String?
    /// `fristen`.
    public let deadlines: [String]
    /// `verfahrensablauf`: ordered steps.
    public let procedure: [String]
    /// `formulare`.
    public let forms: [Link]
    /// `onlinedienst`, if the service can be applied for online.
    public let onlineService: Link?
    /// `rechtsgrundlagen`.
    public let legalBases: [String]
    /// `hinweise`.
    public let notes: [String]
    /// `zustaendige_stelle`: the id of the responsible department.
    public let departmentID: String
    /// The language of the texts (German unless read through ``Catalog/localized(to:)``).
    public var language: Language = .german
    /// The keys (`kosten`, `fristen`, …) whose text a translated entry had to take from German.
    public var untranslated: Set<String> = []

    /// Creates a knowledge entry.
    public init(
        id: String, serviceKey: String, name: String, synonyms: [String] = [], summary: String,
        fullText: String? = nil, requiredDocuments: [String] = [], requirements: [String] = [],
        costs: [String] = [], processingTime: String? = nil, deadlines: [String] = [],
        procedure: [String] = [], forms: [Link] = [], onlineService: Link? = nil,
        legalBases: [String] = [], notes: [String] = [], departmentID: String
    ) {
        self.id = id
        self.serviceKey = serviceKey
        self.name = name
        self.synonyms = synonyms
        self.summary = summary
        self.fullText = fullText
        self.requiredDocuments = requiredDocuments
        self.requirements = requirements
        self.costs = costs
        self.processingTime = processingTime
        self.deadlines = deadlines
        self.procedure = procedure
        self.forms = forms
        self.onlineService = onlineService
        self.legalBases = legalBases
        self.notes = notes
        self.departmentID = departmentID
    }
}
