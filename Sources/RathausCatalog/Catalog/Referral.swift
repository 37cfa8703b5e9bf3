/// Another authority that is responsible for something citizens often ask the town about
/// (Kindergeld, Kfz-Steuer, Rente …), read from `Knowledge/verweise/<id>.yaml`.
///
/// A referral is matched like an intent, from its examples, but it is never one of the town's
/// services: its answer says who is responsible and how to reach them.
public struct Referral: Sendable, Hashable {
    /// Prefix of the intent ids of referrals, so that they never collide with a service's id.
    public static let intentPrefix = "verweis-"

    /// Stable id, equal to the file name.
    public let id: String
    /// The authority's name ("Familienkasse der Bundesagentur für Arbeit").
    public let name: String
    /// What it is responsible for, as a noun phrase ("Kindergeld und Kinderzuschlag").
    public let responsibleFor: String
    /// Its public service number, if it has one.
    public let phone: String?
    /// Its official website, if known.
    public let website: String?
    /// One more sentence for the citizen, if any.
    public let note: String?
    /// Questions as citizens ask them, to recognise the matter.
    public let examples: [String]
    /// Words that name the matter beyond doubt ("Kindergeld"): a message holding one is referred
    /// here whatever else it says.
    public let keywords: [String]
    /// Where the referral was defined.
    public let source: SourceLocation

    /// Creates a referral.
    public init(
        id: String, name: String, responsibleFor: String, phone: String?, website: String?, note: String?, examples: [String],
        keywords: [String] = [], source: SourceLocation
    ) {
        self.keywords = keywords
        self.id = id
        self.name = name
        self.responsibleFor = responsibleFor
        self.phone = phone
        self.website = website
        self.note = note
        self.examples = examples
        self.source = source
    }

    /// The id of the intent that recognises this referral.
    public var intentID: String { Self.intentPrefix + id }

    /// The answer: that the town is not responsible, who is, and how to reach them, in the
    /// language of `texts`.
    public func answer(texts: DialogTexts = .german) -> String {
        var lines = [texts(.referral, ["responsible_for": responsibleFor, "name": name])]
        if let note { lines[0] += " " + note }
        if let phone { lines.append("\(texts(.phone)): \(phone)") }
        if let website { lines.append("\(texts(.website)): \(website)") }
        return lines.joined(separator: "\n")
    }

    /// The intent that recognises the matter from the examples and answers with ``answer(texts:)``
    /// in `texts`' language.
    public func intent(texts: DialogTexts = .german) -> Intent {
        Intent(id: intentID, examples: examples, answer: answer(texts: texts), source: source)
    }
}
