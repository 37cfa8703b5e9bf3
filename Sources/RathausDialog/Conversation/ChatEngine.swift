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
    /// The engine of the shared catalogue a town builds on, whose matchers and detector this one
    /// reuses; nil for an engine of its own.
    private let shared: ChatEngine?

    /// An engine over `catalog`, reusing a `matcher` built for it.
    public convenience init(catalog: Catalog, matcher: IntentMatcher) {
        self.init(catalog: catalog, matcher: matcher, shared: nil)
    }

    /// A town's engine over `catalog`, which builds on the shared catalogue of `shared`: the shared
    /// matcher with the town's own intents added (see ``IntentMatcher/init(town:sharing:of:)``), in
    /// every language, and the shared language detector. Quick: nothing is fitted.
    public convenience init(town catalog: Catalog, sharing shared: ChatEngine) {
        let matcher = IntentMatcher(town: catalog, sharing: shared.matcher, of: shared.catalog)
        self.init(catalog: catalog, matcher: matcher.addsTownIntents ? matcher : shared.matcher, shared: shared)
    }

    private init(catalog: Catalog, matcher: IntentMatcher, shared: ChatEngine?) {
        self.shared = shared
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
            let engine: ChatEngine
            if language.isGerman {
                engine = ChatEngine(catalog: localized, matcher: matcher, shared: nil)
            } else if let shared {
                engine = ChatEngine(town: localized, sharing: shared.engine(for: language))
            } else {
                engine = ChatEngine(catalog: localized, matcher: (try? IntentMatcher(catalog: localized)) ?? matcher, shared: nil)
            }
            state.engines[language] = engine
            return engine
        }
    }

    /// Tells German from English, learnt from this catalogue's texts (built on first use).
    public var detector: LanguageDetector {
        if let shared { return shared.detector }
        return translated.withLock { state in
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

    /// The town's name (from `Knowledge/gemeinde.yaml`).
    private var town: String { catalog.town.name }

    /// The first message of a web conversation.
    public var webWelcome: String {
        catalog.text(.webWelcome, ["town": town])
    }

    /// The welcome shown when a conversation starts on a terminal, with the privacy note.
    public var terminalWelcome: String {
        catalog.text(.terminalWelcome, ["town": town])
    }
}
