/// A turn as compact JSON with sorted keys, written directly: the same text `JSONEncoder` with
/// `.sortedKeys` and `.withoutEscapingSlashes` makes of it, at a fraction of the cost (the web API
/// writes one per message).
extension ChatSession.Turn {
    /// The UTF-8 bytes of the turn's JSON object.
    public var jsonBytes: [UInt8] {
        jsonBytes(repliesJSON: JSONOutput.array(replies))
    }

    /// ``jsonBytes`` with the replies' JSON array already written (`JSONOutput.array(replies)`), so
    /// that a caller who stores that array as well escapes the replies once.
    public func jsonBytes(repliesJSON: [UInt8]) -> [UInt8] {
        assert(repliesJSON == JSONOutput.array(replies), "repliesJSON must be the JSON of the turn's replies")
        var out = JSONOutput(capacity: 256 + repliesJSON.count)
        out.raw("{")
        out.key("conversation")
        out.string(conversation)
        if let expecting {
            out.nextKey("expecting")
            out.raw("{")
            out.key("choices")
            if let choices = expecting.choices { out.strings(choices) } else { out.raw("null") }
            out.member("field", expecting.field)
            out.member("type", expecting.type)
            out.raw("}")
        }
        if let form { out.member("form", form) }
        out.nextKey("intent")
        if let intent { out.string(intent) } else { out.raw("null") }
        if let reference { out.member("reference", reference) }
        out.member("replies", json: repliesJSON)
        out.member("state", state.rawValue)
        out.raw("}")
        return out.bytes
    }
}
