import RathausDialog

extension ChatSession.Turn {
    /// The turn as the API answers it: `conversation`, `replies`, `intent` (null when none), `state`
    /// and `language` always; `form`, `expecting` (with `choices` null when there are none),
    /// `reference` and `suggestions` when present, the same keys and values as the turn's `Codable`
    /// encoding.
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "conversation": .string(conversation), "replies": .array(replies.map(JSONValue.string)),
            "intent": intent.map(JSONValue.string) ?? .null, "state": .string(state.rawValue),
            "language": .string(language.rawValue),
        ]
        if let form { members["form"] = .string(form) }
        if rateable { members["rateable"] = .bool(true) }
        if let reference { members["reference"] = .string(reference) }
        if !suggestions.isEmpty {
            members["suggestions"] = .array(suggestions.map { ["label": .string($0.label), "text": .string($0.text)] })
        }
        if let expecting {
            members["expecting"] = [
                "field": .string(expecting.field), "type": .string(expecting.type),
                "choices": expecting.choices.map { .array($0.map(JSONValue.string)) } ?? .null,
            ]
        }
        return .object(members)
    }
}
