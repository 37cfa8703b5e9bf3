import Foundation

/// The rules of Leichte Sprache that a machine can see, checked on every text of a `*.ls.yaml`
/// file: sentences of at most 15 words, no abbreviations, no semicolons, long compound nouns
/// split with a hyphen, no subjunctive. Negations are counted and shown, not forbidden.
///
/// The rules follow the Netzwerk Leichte Sprache and BITV 2.0, Anlage 2. A compound's parts are
/// found with the catalogue's own German words, so "Hundesteuermarke" is Hund(e), Steuer, Marke.
struct EasyLanguageRules: Sendable {
    /// Most words in one sentence.
    static let maximumSentenceWords = 15
    /// A noun of this many parts or more must show them (Hunde-Steuer-Marke).
    static let compoundPartLimit = 3
    /// Shortest part of a compound: shorter pieces ("an", "ab") are prefixes, not words.
    static let shortestPart = 3

    /// Abbreviations and what to write instead.
    static let abbreviations: [(written: String, instead: String)] = [
        ("z. B.", "zum Beispiel"), ("z.B.", "zum Beispiel"), ("bzw.", "oder"), ("ggf.", "wenn nötig"),
        ("u. a.", "unter anderem"), ("u.a.", "unter anderem"), ("usw.", "und so weiter"), ("d. h.", "das heißt"),
        ("d.h.", "das heißt"), ("Nr.", "Nummer"), ("ca.", "etwa"), ("inkl.", "mit"), ("evtl.", "vielleicht"),
        ("sog.", "so genannt"), ("etc.", "und so weiter"), ("vgl.", "siehe"),
    ]

    /// Forms of the subjunctive and the plain form to write instead.
    static let subjunctives: [String: String] = [
        "würde": "wird", "würden": "werden", "würdest": "wirst", "könnte": "kann", "könnten": "können",
        "müsste": "muss", "müssten": "müssen", "sollte": "soll", "sollten": "sollen", "hätte": "hat",
        "hätten": "haben", "wäre": "ist", "wären": "sind", "dürfte": "darf", "dürften": "dürfen",
    ]

    /// Words that negate.
    static let negations: Set<String> = ["nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts", "niemand"]

    /// Lower-case German words (at least ``shortestPart`` letters) that compounds are made of.
    let words: Set<String>

    /// Rules that find compounds' parts among `words` (the catalogue's German words).
    init(words: Set<String>) {
        self.words = words
    }

    /// What is wrong with one text: a German sentence and what to write instead, for each break.
    func findings(in text: String) -> [(message: String, fix: String)] {
        var findings: [(message: String, fix: String)] = []
        for sentence in Self.sentences(of: text) {
            let count = sentence.filter { $0.contains(where: \.isLetter) || $0.contains(where: \.isNumber) }.count
            if count > Self.maximumSentenceWords {
                let start = sentence.prefix(4).joined(separator: " ")
                findings.append(
                    (
                        "Der Satz „\(start) …“ hat \(count) Wörter, in Leichter Sprache höchstens \(Self.maximumSentenceWords).",
                        "Teilen Sie ihn in zwei Sätze: eine Aussage je Satz."
                    ))
            }
        }
        for (written, instead) in Self.abbreviations where Self.contains(text, abbreviation: written) {
            findings.append(("Die Abkürzung „\(written)“ ist in Leichter Sprache nicht erlaubt.", "Schreiben Sie „\(instead)“."))
        }
        if text.contains(";") {
            findings.append(("Der Text hat ein Semikolon.", "Machen Sie aus dem Satz zwei Sätze mit einem Punkt."))
        }
        for word in Self.words(of: text) {
            let lower = word.lowercased()
            if let plain = Self.subjunctives[lower] {
                findings.append(
                    (
                        "„\(word)“ ist eine Möglichkeits-Form (Konjunktiv).",
                        "Schreiben Sie, was ist oder was Sie tun sollen, zum Beispiel mit „\(plain)“."
                    ))
            }
            if word.first?.isUppercase == true, !word.contains("-"), !word.contains("·") {
                let parts = self.parts(of: lower)
                if parts.count >= Self.compoundPartLimit {
                    let hyphenated = parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
                    findings.append(("Das Wort „\(word)“ hat \(parts.count) Teile.", "Schreiben Sie es mit Binde-Strichen: „\(hyphenated)“."))
                }
            }
        }
        return findings
    }

    /// The negations in `text`.
    static func negationCount(in text: String) -> Int {
        words(of: text).filter { negations.contains($0.lowercased()) }.count
    }

    /// The parts of a compound (each with the linking letters after it, "hunde"), each a known word of at least ``shortestPart`` letters that is no
    /// prefix ("auf", "ver"), joined by nothing or a linking "s", "e", "n", "es" or "en"; of the
    /// ways to cut it, the one with the most parts, so that a known compound ("hundesteuer") is
    /// cut into its own parts too. The word itself when it cannot be cut.
    func parts(of word: String) -> [String] {
        let letters = Array(word)
        guard letters.count >= 2 * Self.shortestPart else { return [word] }
        // most[i]: the most parts that make up letters[i...], with the parts.
        var most: [[String]?] = Array(repeating: nil, count: letters.count + 1)
        most[letters.count] = []
        for start in stride(from: letters.count - Self.shortestPart, through: 0, by: -1) {
            for end in (start + Self.shortestPart)...letters.count {
                let piece = String(letters[start..<end])
                guard words.contains(piece), !Self.prefixes.contains(piece) else { continue }
                for link in ["", "s", "e", "n", "es", "en"] {
                    let next = end + link.count
                    guard next <= letters.count, String(letters[end..<next]) == link, let rest = most[next] else { continue }
                    if next < letters.count, rest.isEmpty { continue }
                    let candidate = [piece + link] + rest
                    if most[start] == nil || candidate.count > most[start]!.count { most[start] = candidate }
                }
            }
        }
        return most[0] ?? [word]
    }

    /// Word beginnings that are prefixes, particles or function words, not parts of a compound
    /// ("Aufenthalt" and "Wiedersehen" are one word each).
    static let prefixes: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "wie", "was", "wer", "und", "oder", "sie", "ich", "wir", "ihr", "mir", "dir",
        "uns", "man", "hat", "ist", "bin", "war", "vom", "zum", "zur", "bis", "fur", "für", "aber", "auch", "noch", "nur",
        "dann", "wenn", "als", "sehr", "alle", "eine", "einer",
        "auf", "aus", "ein", "mit", "vor", "bei", "nach", "unter", "uber", "über", "durch", "ver", "ent", "zer", "weg", "hin",
        "her", "vorher", "zuruck", "zurück", "wieder", "gegen", "ober", "hinter", "neben", "zwischen", "miss", "ander",
    ]

    /// The sentences of `text`, each as its words: a sentence ends at ".", "!" or "?" before a
    /// space or the end, unless the word is a number ("3. April") or a known abbreviation.
    static func sentences(of text: String) -> [[String]] {
        var sentences: [[String]] = [], current: [String] = []
        for token in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            current.append(token)
            let ends = token.hasSuffix(".") || token.hasSuffix("!") || token.hasSuffix("?") || token.hasSuffix(":")
            let isOrdinal = token.dropLast().allSatisfy(\.isNumber) && token.count > 1
            // "z." and "B." in "z. B." are no ends of a sentence (the abbreviation is reported itself).
            let isAbbreviated = token.hasSuffix(".") && token.dropLast().count == 1 && token.dropLast().allSatisfy(\.isLetter)
            if ends, !isOrdinal, !isAbbreviated {
                sentences.append(current)
                current = []
            }
        }
        if !current.isEmpty { sentences.append(current) }
        return sentences
    }

    /// The words of `text` without punctuation around them.
    static func words(of text: String) -> [String] {
        text.split { !$0.isLetter && $0 != "-" && $0 != "·" }.map { String($0).trimmingHyphens }.filter { !$0.isEmpty }
    }

    /// True when `text` has `abbreviation` as a word of its own.
    static func contains(_ text: String, abbreviation: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: abbreviation, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            if before.map({ !$0.isLetter }) ?? true { return true }
            searchStart = range.upperBound
        }
        return false
    }
}

extension String {
    /// The word without hyphens at its ends ("Hunde-" in "Hunde- und Katzen-Futter").
    fileprivate var trimmingHyphens: String {
        var word = Substring(self)
        while word.first == "-" { word = word.dropFirst() }
        while word.last == "-" { word = word.dropLast() }
        return String(word)
    }
}
