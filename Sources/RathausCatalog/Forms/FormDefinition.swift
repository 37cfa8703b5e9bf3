/// An online application as staff declare it in `Intents/formulare/<id>.yaml`: the fields asked one
/// per turn, the department that receives the result, and the texts around it.
public struct FormDefinition: Sendable, Hashable {
    /// The service (intent) id the form belongs to; also the file name.
    public let id: String
    /// The form's title, shown in the summary and the confirmation.
    public let title: String
    /// Id of the receiving department.
    public let department: String
    /// Version of the form's data; raised when the fields change.
    public let schemaVersion: Int
    /// What the data is used for (part of the privacy notice).
    public let purpose: String
    /// What happens after submission (told with the reference number).
    public let nextSteps: String
    /// The fields in the order they are asked.
    public let fields: [FormField]
    /// The yes/no field whose "ja" sends the conversation's transcript with the application
    /// (`transcript_consent:`); nil for a form that never sends it.
    public let transcriptConsentField: String?
    /// Where the form is defined.
    public let source: SourceLocation

    /// Creates a form; ``FormParser`` reads one from a file.
    public init(
        id: String, title: String, department: String, schemaVersion: Int, purpose: String, nextSteps: String,
        fields: [FormField], transcriptConsentField: String? = nil, source: SourceLocation
    ) {
        self.transcriptConsentField = transcriptConsentField
        self.id = id
        self.title = title
        self.department = department
        self.schemaVersion = schemaVersion
        self.purpose = purpose
        self.nextSteps = nextSteps
        self.fields = fields
        self.source = source
    }

    /// The field with this id.
    public func field(_ id: String) -> FormField? {
        fields.first { $0.id == id }
    }
}

/// One field of a form.
public struct FormField: Sendable, Hashable {
    /// Id, unique in the form (lower case, digits, underscore).
    public let id: String
    /// What kind of value it takes, with its constraints.
    public let kind: FieldKind
    /// Short name for the summary and for corrections ("die PLZ ist falsch").
    public let label: String
    /// Other words citizens use for this field in corrections.
    public let aliases: [String]
    /// The question.
    public let prompt: String
    /// Why the field is needed ("Wozu brauchen Sie das?").
    public let help: String
    /// False when the citizen may skip it.
    public let isRequired: Bool
    /// True for personal data; the privacy notice comes before the first such field.
    public let isPersonal: Bool
    /// Asked only when this holds.
    public let condition: FieldCondition?

    /// Creates a field.
    public init(
        id: String, kind: FieldKind, label: String, aliases: [String] = [], prompt: String, help: String,
        isRequired: Bool = true, isPersonal: Bool? = nil, condition: FieldCondition? = nil
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.aliases = aliases
        self.prompt = prompt
        self.help = help
        self.isRequired = isRequired
        self.isPersonal = isPersonal ?? kind.isPersonalByDefault
        self.condition = condition
    }
}

/// A condition on an earlier field: it holds when that field's value is one of `values`.
public struct FieldCondition: Sendable, Hashable {
    /// The earlier field.
    public let field: String
    /// Canonical values (see ``FieldValue/canonical``) that make it hold.
    public let values: [String]

    /// Creates a condition.
    public init(field: String, values: [String]) {
        self.field = field
        self.values = values
    }
}

/// One option of a choice field.
public struct ChoiceOption: Sendable, Hashable, Codable {
    /// Id, stored as the value.
    public let id: String
    /// What the citizen sees.
    public let label: String
    /// Other words that choose it.
    public let synonyms: [String]

    /// Creates an option.
    public init(id: String, label: String, synonyms: [String] = []) {
        self.id = id
        self.label = label
        self.synonyms = synonyms
    }
}

/// The kind of a field and its constraints.
public enum FieldKind: Sendable, Hashable {
    case text(minLength: Int, maxLength: Int)
    case name
    case date(earliest: DateBound?, latest: DateBound?)
    case time(earliest: TimeOfDay?, latest: TimeOfDay?)
    case number(min: Double?, max: Double?, integer: Bool, unit: String?)
    case plz(allowed: [String])
    case streetAddress
    case email
    case phone
    case iban(countries: [String])
    case choice([ChoiceOption])
    case yesNo
    /// A file the citizen sends (a photo, a plan), of one of the `accepted` types.
    case document(accepted: [DocumentFile.MediaType])

    /// The type's name in form files and in `expecting`.
    public var typeName: String {
        switch self {
        case .text: "text"
        case .name: "name"
        case .date: "date"
        case .time: "time"
        case .number: "number"
        case .plz: "plz"
        case .streetAddress: "street_address"
        case .email: "email"
        case .phone: "phone"
        case .iban: "iban"
        case .choice: "choice"
        case .yesNo: "yes_no"
        case .document: "document"
        }
    }

    /// Every type name a form file may use.
    public static let typeNames = [
        "text", "name", "date", "time", "number", "plz", "street_address", "email", "phone",
        "iban", "choice", "yes_no", "document",
    ]

    /// Names, addresses, postal codes and contact and bank details are personal unless a form says otherwise.
    var isPersonalByDefault: Bool {
        switch self {
        case .name, .streetAddress, .plz, .email, .phone, .iban: true
        default: false
        }
    }

    /// The options of a choice field, else nil.
    public var options: [ChoiceOption]? {
        if case .choice(let options) = self { return options }
        return nil
    }
}
