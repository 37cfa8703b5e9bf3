import RathausCatalog

/// Messages of 1,000 characters built to make the analysis work hard, each kind from its own
/// seeded generator, so every run sees the same texts.
///
/// `words` are the catalogue's own folded words; the compounds and misspellings are made of them,
/// as a citizen's pathological message would be.
struct AdversarialMessages {
    /// One kind of pathological message.
    enum Category: String, CaseIterable {
        /// One long compound of catalogue words repeated without a space ("hundesteueranmeldung…").
        case compound
        /// The same long compound repeated with spaces between the copies.
        case compoundSpaced = "compound-spaced"
        /// Catalogue words, each with one to three slips (dropped, doubled, swapped or wrong letters).
        case misspellings
        /// Russian-looking words in Cyrillic letters, one of them very long.
        case cyrillic
        /// Words in Arabic letters, some with vowel marks.
        case arabic
        /// Emoji with skin tones, joiner sequences and flags, also glued to words.
        case emoji
        /// Long runs of digits, with and without separators.
        case digits
        /// One letter repeated to the full length.
        case repeatedLetter = "repeated-letter"
        /// English sentences (a language the catalogue does not use, in its script).
        case english
    }

    /// Characters in each message.
    static let length = 1_000

    /// The catalogue's words of at least five letters, sorted.
    let words: [String]

    /// Takes the words of every example and synonym of `catalog`.
    init(catalog: Catalog) {
        var vocabulary = Set<String>()
        for intent in catalog.intents {
            for example in intent.examples { vocabulary.formUnion(TextNormalizer.tokens(example)) }
        }
        words = vocabulary.filter { $0.count >= 5 && $0.allSatisfy(\.isLetter) }.sorted()
    }

    /// `count` messages of `category`, from a generator seeded by the category.
    func messages(_ category: Category, count: Int) -> [String] {
        let seed = UInt64(Category.allCases.firstIndex(of: category)! + 1) &* 0x5EED
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in message(category, &random) }
    }

    private func message(_ category: Category, _ random: inout SeededGenerator) -> String {
        switch category {
        case .compound:
            let word = compound(&random)
            return filled { word }
        case .compoundSpaced:
            let word = compound(&random)
            return filled(separator: " ") { word }
        case .misspellings:
            return filled(separator: " ") { misspelt(random.pick(words), &random) }
        case .cyrillic:
            let letters = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ")
            let long = String((0..<random.inRange(40...200)).map { _ in random.pick(letters) })
            return filled(separator: " ") {
                random.chance(0.05) ? long : String((0..<random.inRange(2...12)).map { _ in random.pick(letters) })
            }
        case .arabic:
            let letters = Array("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئة")
            let marks = ["\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}"]
            return filled(separator: " ") {
                (0..<random.inRange(2...10)).map { _ in
                    String(random.pick(letters)) + (random.chance(0.3) ? random.pick(marks) : "")
                }.joined()
            }
        case .emoji:
            let emoji = ["😱", "👍🏽", "👨🏿‍💻", "👩‍👩‍👧‍👦", "🇩🇪", "🇫🇷", "❤️", "🏳️‍🌈", "🙈", "✅", "🤷🏻‍♀️", "🎉"]
            return filled {
                switch random.below(4) {
                case 0: random.pick(emoji) + " "
                case 1: random.pick(emoji) + random.pick(words)
                default: random.pick(emoji)
                }
            }
        case .digits:
            let separator = random.chance(0.5) ? "" : " "
            return filled(separator: separator) {
                String((0..<random.inRange(3...40)).map { _ in Character(String(random.below(10))) })
            }
        case .repeatedLetter:
            let letter = random.pick(Array("abcdefghijklmnopqrstuvwxyzäöüß"))
            return String(repeating: letter, count: Self.length)
        case .english:
            let english = [
                "the", "quick", "application", "please", "could", "you", "tell", "me", "where", "renewal",
                "passport", "office", "opening", "hours", "which", "documents", "required", "thanks",
                "neighbourhood", "registration", "appointment", "whatever", "something", "because",
            ]
            return filled(separator: " ") { random.pick(english) }
        }
    }

    /// Two to four catalogue words glued together.
    private func compound(_ random: inout SeededGenerator) -> String {
        (0..<random.inRange(2...4)).map { _ in random.pick(words) }.joined()
    }

    /// `word` with one to three slips.
    private func misspelt(_ word: String, _ random: inout SeededGenerator) -> String {
        var letters = Array(word)
        for _ in 0..<random.inRange(1...3) where letters.count > 2 {
            let position = random.below(letters.count - 1)
            switch random.below(4) {
            case 0: letters.remove(at: position)
            case 1: letters.insert(letters[position], at: position)
            case 2: letters.swapAt(position, position + 1)
            default: letters[position] = random.pick(Array("abcdefghijklmnopqrstuvwxyz"))
            }
        }
        return String(letters)
    }

    /// Pieces from `piece` joined by `separator` until the text has ``length`` characters (cut there).
    private func filled(separator: String = "", _ piece: () -> String) -> String {
        var text = ""
        while text.count < Self.length {
            if !text.isEmpty { text += separator }
            text += piece()
        }
        return String(text.prefix(Self.length))
    }
}
