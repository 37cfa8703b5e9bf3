/// Why an `opening_hours` text could not be read, in German, with the place of the problem.
public struct OpeningHoursError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule that holds the problem, as written and trimmed; the whole text when the text is empty.
    public let rule: String
    /// The number of the rule among the rules separated by `;`, counted from 1; 0 when the text is empty.
    public let ruleNumber: Int
    /// The character offset in the whole text where the rule begins, counted from 0.
    public let position: Int
    /// The German message for staff: which rule, what is wrong, what to write instead.
    public let message: String

    /// An error with the given place and message.
    public init(rule: String, ruleNumber: Int, position: Int, message: String) {
        self.rule = rule
        self.ruleNumber = ruleNumber
        self.position = position
        self.message = message
    }

    /// The German message.
    public var description: String { message }
}
