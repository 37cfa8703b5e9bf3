/// A generated query with the answer it should get, for the "generated-1000" scenario.
struct SyntheticQuery {
    /// How the query was made.
    enum Kind: CaseIterable {
        /// A fresh question about one service, spelt correctly.
        case clean
        /// A fresh question about one service with one letter dropped or two swapped in a service word.
        case typo
        /// A question about invented words the catalogue has never seen; should be out of scope.
        case outOfVocabulary
    }

    /// What the citizen wrote.
    let text: String
    /// The intent meant, or nil when the query is out of scope.
    let expectedIntent: String?
    /// How the query was made.
    let kind: Kind

    /// `count` queries about `catalog`, deterministic for `seed`: of every ten, seven clean, two
    /// with a typo and one out of vocabulary.
    static func batch(count: Int, about catalog: SyntheticCatalog, seed: UInt64 = 0x5155_4552_5931) -> [SyntheticQuery] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            let template = generator.pick(PseudoGermanLexicon.templates)
            switch index % 10 {
            case 0:
                let text = PseudoGermanLexicon.sentence(
                    template, a: generator.pick(catalog.unusedWords), b: generator.pick(catalog.unusedWords))
                return SyntheticQuery(text: text, expectedIntent: nil, kind: .outOfVocabulary)
            case 1, 2:
                let service = generator.pick(catalog.services)
                let text = SyntheticCatalog.question(about: service, template: template, misspell: true, using: &generator)
                return SyntheticQuery(text: text, expectedIntent: service.id, kind: .typo)
            default:
                let service = generator.pick(catalog.services)
                let text = SyntheticCatalog.question(about: service, template: template, using: &generator)
                return SyntheticQuery(text: text, expectedIntent: service.id, kind: .clean)
            }
        }
    }
}
