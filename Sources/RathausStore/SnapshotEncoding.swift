import Foundation
import RathausCore

/// How a conversation's state is stored: JSON that `JSONDecoder` reads back into the same
/// snapshot. A conversation between questions (no form open, nothing offered with values, no status
/// question) is written directly, which is most turns; any other state goes through `JSONEncoder`.
enum SnapshotEncoding {
    /// The JSON text of `snapshot`.
    static func json(_ snapshot: ChatSession.Snapshot, encoder: JSONEncoder) throws -> String {
        guard snapshot.dialog == nil, snapshot.offeredValues.isEmpty, snapshot.statusQuery == nil else {
            return String(decoding: try encoder.encode(snapshot), as: UTF8.self)
        }
        var out = JSONOutput(capacity: 160)
        out.raw("{")
        out.key("id")
        out.string(snapshot.id)
        out.nextKey("offeredValues")
        out.raw("{}")
        if let service = snapshot.currentService { out.member("currentService", service) }
        if let choice = snapshot.pendingChoice { out.member("pendingChoice", choice) }
        if let form = snapshot.offeredForm { out.member("offeredForm", form) }
        if let references = snapshot.submittedReferences { out.member("submittedReferences", references) }
        out.raw("}")
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
