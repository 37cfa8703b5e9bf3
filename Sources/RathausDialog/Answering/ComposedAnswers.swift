import RathausUnderstanding
import Synchronization

/// A catalogue's answers once composed, by intent and aspect: the catalogue never changes, so an
/// answer is composed once and then only looked up.
final class ComposedAnswers: Sendable {
    private struct Key: Hashable {
        let intent: String
        let aspect: Aspect?
    }

    private let answers = Mutex<[Key: String]>([:])

    /// The stored answer for `intent` and `aspect`, or the one `compose` makes (then stored).
    func answer(for intent: String, aspect: Aspect?, compose: () -> String) -> String {
        let key = Key(intent: intent, aspect: aspect)
        if let known = answers.withLock({ $0[key] }) { return known }
        let text = compose()
        answers.withLock { $0[key] = text }
        return text
    }
}
