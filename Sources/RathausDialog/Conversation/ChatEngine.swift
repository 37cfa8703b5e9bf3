import RathausCatalog
import RathausUnderstanding

/// Everything a conversation answers from: one loaded catalogue, the matcher built for it and the
/// answers composed from it. Built once per catalogue and shared by every conversation (a reload
/// builds a new one).
public final class ChatEngine: Sendable {
    /// The catalogue.
    public let catalog: Catalog
    /// The matcher built from ``catalog``.
    public let matcher: IntentMatcher
    /// The answers of ``catalog``, composed once each.
    public let composer: AnswerComposer
    /// The departments of ``catalog`` by the names citizens use.
    let departments: DepartmentDirectory
    /// The public holidays of the town's Land.
    let holidays: PublicHolidays

    /// An engine over `catalog`, reusing a `matcher` built for it.
    public init(catalog: Catalog, matcher: IntentMatcher) {
        self.catalog = catalog
        self.matcher = matcher
        composer = AnswerComposer(catalog: catalog)
        departments = DepartmentDirectory(catalog: catalog)
        holidays = PublicHolidays(land: catalog.town.land) ?? PublicHolidays(land: Town.standard.land)!
    }

    /// An engine over `catalog` with a matcher built for it (takes a moment: the matcher is fitted).
    public convenience init(catalog: Catalog) throws {
        self.init(catalog: catalog, matcher: try IntentMatcher(catalog: catalog))
    }

    /// The town's name, from the Bürgerservice's address.
    private var town: String { catalog.fallbackDepartment?.address.city ?? "Ihrer Stadt" }

    /// The first message of a web conversation.
    public var webWelcome: String {
        "Guten Tag! Ich bin der digitale Assistent der Stadt \(town). Stellen Sie Ihre Frage in eigenen Worten, "
            + "zum Beispiel „Was kostet ein Reisepass?“."
    }

    /// The welcome shown when a conversation starts on a terminal, with the privacy note.
    public var terminalWelcome: String {
        """
        Willkommen beim digitalen Assistenten der Stadt \(town).
        Stellen Sie Ihre Frage in eigenen Worten, z. B. „Was kostet ein Reisepass?“.
        Datenschutz: Fragen beantworte ich anonym. Nur wenn Sie einen Antrag stellen, speichere ich die Angaben, die er braucht.
        Beenden mit „tschüss“ oder Strg+D.
        """
    }
}
