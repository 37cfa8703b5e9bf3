import RathausCatalog
import RathausUnderstanding
import Synchronization

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
    /// The language of ``catalog``'s texts.
    public var language: Language { catalog.language }
    /// The engines of the other languages and the language detector, built when first asked for
    /// (an English matcher takes a moment to fit).
    private let translated = Mutex<(engines: [Language: ChatEngine], detector: LanguageDetector?)>(([:], nil))

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

    /// The engine that answers in `language`: this one for its own language, else one over the
    /// catalogue ``Catalog/localized(to:)`` it, built on first use. Leichte Sprache shares the
    /// German matcher; English has its own.
    public func engine(for language: Language) -> ChatEngine {
        guard language != self.language else { return self }
        return translated.withLock { state in
            if let engine = state.engines[language] { return engine }
            let localized = catalog.localized(to: language)
            let matcher = language.isGerman ? self.matcher : (try? IntentMatcher(catalog: localized)) ?? self.matcher
            let engine = ChatEngine(catalog: localized, matcher: matcher)
            state.engines[language] = engine
            return engine
        }
    }

    /// Tells German from English, learnt from this catalogue's texts (built on first use).
    public var detector: LanguageDetector {
        translated.withLock { state in
            if let detector = state.detector { return detector }
            let detector = LanguageDetector(catalog: catalog)
            state.detector = detector
            return detector
        }
    }

    /// Builds the engines of every language with a translation and the detector now, so that no
    /// citizen waits for them (the server calls this at start).
    public func prepareLanguages() {
        _ = detector
        for language in catalog.translations.keys { _ = engine(for: language) }
    }

    /// The town's name, from the Bürgerservice's address.
    private var town: String { catalog.fallbackDepartment?.address.city ?? "Ihrer Stadt" }

    /// The first message of a web conversation.
    public var webWelcome: String {
        catalog.text(.webWelcome, ["town": town])
    }

    /// The welcome shown when a conversation starts on a terminal, with the privacy note.
    public var terminalWelcome: String {
        catalog.text(.terminalWelcome, ["town": town])
    }
}
