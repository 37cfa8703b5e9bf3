import Foundation

/// A language Rathaus answers in. German is the catalogue's own language, the default and the
/// fallback; a translation is a file beside the German one (see `docs/languages.md`).
public enum Language: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// German, as the catalogue is written.
    case german = "de"
    /// English.
    case english = "en"
    /// Leichte Sprache: German in the rules of easy-to-read language (a private-use BCP 47 tag).
    case easyGerman = "de-x-ls"

    /// The part of a translation's file name before `.yaml` (`hundesteuer-anmelden.en.yaml`), nil for German.
    public var fileSuffix: String? {
        switch self {
        case .german: nil
        case .english: "en"
        case .easyGerman: "ls"
        }
    }

    /// True for the languages understood with the German examples (German and Leichte Sprache).
    public var isGerman: Bool { self != .english }

    /// The language whose texts stand in for a missing one: German for every translation.
    public var fallback: Language? { self == .german ? nil : .german }

    /// The tag, as in HTML's `lang` attribute.
    public var description: String { rawValue }

    /// The language's name in itself, for menus.
    public var ownName: String {
        switch self {
        case .german: "Deutsch"
        case .english: "English"
        case .easyGerman: "Leichte Sprache"
        }
    }

    /// Reads a tag as people and programs write it: `de`, `en`, `en-GB`, `de-x-ls`, `ls`,
    /// `leichte-sprache`; nil for a language Rathaus does not speak.
    public init?(tag: String) {
        let folded = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        switch folded {
        case "de-x-ls", "ls", "leichte-sprache", "leichte sprache", "de-ls": self = .easyGerman
        case _ where folded == "de" || folded.hasPrefix("de-"): self = .german
        case _ where folded == "en" || folded.hasPrefix("en-"): self = .english
        default: return nil
        }
    }

    /// The language a translation file is written in, read from its name
    /// (`Knowledge/x.en.yaml` → English); nil for a German file.
    public static func ofFile(_ path: String) -> Language? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for language in allCases {
            guard let suffix = language.fileSuffix else { continue }
            if name.hasSuffix(".\(suffix).yaml") || name.hasSuffix(".\(suffix).yml") { return language }
        }
        return nil
    }
}
