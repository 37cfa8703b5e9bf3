import RathausCatalog

/// Documents departments ask for: a conversation that submitted an application is told once, at
/// its next turn, what is missing and how to send it.
extension ChatSession {
    /// One reply per application with documents asked for that this conversation has not been told
    /// about yet; remembers them as told.
    mutating func documentRequestNotices() -> [String] {
        guard let sink, let references = snapshot.submittedReferences else { return [] }
        var announced = Set(snapshot.announcedRequests ?? [])
        var notices: [String] = []
        for reference in references {
            guard let open = try? sink.openRequests(reference: reference) else { continue }
            let new = open.filter { !announced.contains("\(reference)/\($0.id)") }
            guard !new.isEmpty else { continue }
            for document in new { announced.insert("\(reference)/\(document.id)") }
            let list = new.map { "• \($0.label)" }.joined(separator: "\n")
            notices.append(
                "Zu Ihrem Antrag \(reference) bittet die zuständige Stelle um diese Unterlagen:\n\(list)\n"
                    + "Senden Sie sie bitte hier im Chat (PDF, JPEG oder PNG bis 10 MB).")
        }
        if !notices.isEmpty { snapshot.announcedRequests = announced.sorted() }
        return notices
    }
}
