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
            out.nextKey("expecting")
            out.raw("{")
            out.key("choices")
            if let choices = expecting.choices { out.strings(choices) } else { out.raw("null") }
            out.nextKey("field")
            out.string(expecting.field)
            out.nextKey("type")
            out.string(expecting.type)
            out.raw("}")
        }
        if let form {
            out.nextKey("form")
            out.string(form)
        }
        out.nextKey("intent")
        if let intent { out.string(intent) } else { out.raw("null") }
        if let reference {
            out.nextKey("reference")
            out.string(reference)
        }
        out.nextKey("replies")
        out.strings(replies)
        out.nextKey("state")
        out.string(state.rawValue)
        out.raw("}")
        return out.bytes
    }
}
