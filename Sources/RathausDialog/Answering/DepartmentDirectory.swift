import RathausCatalog
import RathausUnderstanding

/// Finds the department a message names: by the names citizens use for it ("Bürgeramt",
/// "Zulassungsstelle", from `namen:` in its file), its own name or its id.
struct DepartmentDirectory: Sendable {
    /// Each name as folded words with its department's id, by the name's first word; longest names
    /// first, so that "Kfz-Zulassungsstelle" wins over "Zulassungsstelle".
    private let namesByFirstWord: [String: [(words: [String], department: String)]]

    /// The directory of `catalog`'s departments.
    init(catalog: Catalog) {
        var names: [(words: [String], department: String)] = []
        for department in catalog.departments.values.sorted(by: { $0.id < $1.id }) {
            for name in department.names + [department.name, department.id] {
                let words = TextNormalizer.tokens(name)
                if !words.isEmpty { names.append((words, department.id)) }
            }
        }
        namesByFirstWord = Dictionary(grouping: names.sorted { $0.words.count > $1.words.count }, by: { $0.words[0] })
    }

    /// The department whose name `utterance` holds, with the positions of those words; a name
    /// matches its words in a row, each also with a genitive "s" ("Bürgeramts").
    func department(in utterance: Utterance) -> (id: String, words: Range<Int>)? {
        let words = utterance.words
        for start in words.indices {
            let word = words[start]
            let candidates = (namesByFirstWord[word] ?? []) + (word.hasSuffix("s") ? namesByFirstWord[String(word.dropLast())] ?? [] : [])
            for name in candidates where start + name.words.count <= words.count {
                let matches = name.words.indices.allSatisfy { offset in
                    let word = words[start + offset]
                    return word == name.words[offset] || word == name.words[offset] + "s"
                }
                if matches { return (name.department, start..<(start + name.words.count)) }
            }
        }
        return nil
    }
}
