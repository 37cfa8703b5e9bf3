/// A turn as compact JSON with sorted keys, written directly: the same text `JSONEncoder` with
/// `.sortedKeys` and `.withoutEscapingSlashes` makes of it, at a fraction of the cost (the web API
/// writes one per message).
extension ChatSession.Turn {
    /// The UTF-8 bytes of the turn's JSON object.
    public var jsonBytes: [UInt8] {
        var out = JSONOutput(capacity: 256 + replies.reduce(0) { $0 + $1.utf8.count })
        out.raw("{")
        out.key("conversation")
        out.string(conversation)
        if let expecting {
            out.raw(",")
            out.key("expecting")
            out.raw("{")
            out.key("choices")
            if let choices = expecting.choices { out.strings(choices) } else { out.raw("null") }
            out.raw(",")
            out.key("field")
            out.string(expecting.field)
            out.raw(",")
            out.key("type")
            out.string(expecting.type)
            out.raw("}")
        }
        if let form {
            out.raw(",")
            out.key("form")
            out.string(form)
        }
        out.raw(",")
        out.key("intent")
        if let intent { out.string(intent) } else { out.raw("null") }
        if let reference {
            out.raw(",")
            out.key("reference")
            out.string(reference)
        }
        out.raw(",")
        out.key("replies")
        out.strings(replies)
        out.raw(",")
        out.key("state")
        out.string(state.rawValue)
        out.raw("}")
        return out.bytes
    }
}
