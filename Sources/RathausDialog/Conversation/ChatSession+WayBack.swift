import RathausCatalog
import RathausUnderstanding

/// The way back in the conversation: documents departments ask for (told once, at the next turn)
/// and the offer to be told of each step by e-mail after an application is submitted.
extension ChatSession {
    /// The `expecting` field of the e-mail offer.
    static let notificationField = "benachrichtigung"

    /// The reply to the e-mail offer, or nil when the message is no yes or no (then it is answered
    /// as any other message and the offer lapses).
    mutating func answerNotificationOffer(_ utterance: Utterance, offer: Snapshot.NotificationOffer) -> String? {
        guard utterance.words.count <= 4, let yes = FieldValidator.yesNo(utterance.text), let sink else { return nil }
        guard yes else { return "In Ordnung, Sie bekommen keine E-Mails dazu. Den Stand sehen Sie jederzeit hier im Chat." }
        guard (try? sink.notifyByEmail(reference: offer.reference, address: offer.address)) == true else {
            return "Das konnte ich gerade nicht speichern. Den Stand Ihres Antrags sehen Sie jederzeit hier im Chat."
        }
        return "Gut. Sie bekommen eine E-Mail an \(offer.address), wenn sich der Stand Ihres Antrags \(offer.reference) ändert. "
            + "Die E-Mail nennt nur den Stand, keine Ihrer Angaben."
    }

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
