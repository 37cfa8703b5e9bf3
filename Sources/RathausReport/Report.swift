/// What citizens asked and where they got stuck over a period: the staff report of
/// `rathaus report`, written as JSON (keys in snake case) or as HTML (``ReportHTML``).
///
/// It holds no personal data: no form value, no name or contact; citizen texts only of unanswered
/// questions, scrubbed (``PersonalDataScrubber``), and only in groups that at least
/// ``minimumConversationsPerGroup`` conversations asked (k ≥ 2).
public struct Report: Sendable, Hashable, Codable {
    /// Fewest distinct conversations whose questions make a group of unanswered questions shown.
    public static let minimumConversationsPerGroup = 2

    /// The first and the last day covered (`2026-11-01`).
    public var since: String
    /// The last day covered.
    public var until: String
    /// The town's name.
    public var town: String
    /// What the report leaves out to protect citizens, in German (its first page says it).
    public var privacyNote: String
    /// The figures of the whole period.
    public var totals: Totals
    /// Conversations and turns on each day of the period.
    public var days: [Day]
    /// Answers per intent (service, referral, conversational), most answered first.
    public var services: [ServiceAnswers]
    /// Answers per department (a service's department, or the department asked about).
    public var departments: [DepartmentAnswers]
    /// Unanswered questions grouped by their shared word stems, most frequent first.
    public var unansweredGroups: [QuestionGroup]
    /// Each online application's funnel.
    public var forms: [FormFunnel]
    /// Per department, how long deliveries and procedures took.
    public var departmentTimes: [DepartmentTimes]

    /// The figures of the whole period.
    public struct Totals: Sendable, Hashable, Codable {
        /// Conversations with at least one turn in the period.
        public var conversations = 0
        /// Turns (messages of citizens) in the period.
        public var turns = 0
        /// Questions: answered, unanswered, or asked back („Meinten Sie …“); a choice after a
        /// „Meinten Sie …“ is not a question of its own.
        public var questions = 0
        /// Questions answered, at once or after a „Meinten Sie …“.
        public var answered = 0
        /// Questions Rathaus did not understand.
        public var unanswered = 0
        /// „Meinten Sie …“ asked.
        public var clarifications = 0
        /// „Meinten Sie …“ the next turn resolved (the citizen chose).
        public var clarificationsResolved = 0
        /// Unanswered questions out of all questions (0 to 1).
        public var unansweredShare = 0.0
        /// Questions answered after a „Meinten Sie …“ out of all questions (0 to 1).
        public var answeredAfterClarificationShare = 0.0
        /// Answers rated helpful.
        public var helpful = 0
        /// Answers rated not helpful.
        public var notHelpful = 0
        /// Unanswered questions rated not helpful.
        public var unansweredNotHelpful = 0
    }

    /// One day.
    public struct Day: Sendable, Hashable, Codable {
        /// The day (`2026-11-30`).
        public var date: String
        /// Conversations with a turn on the day.
        public var conversations: Int
        /// Turns on the day.
        public var turns: Int
    }

    /// Answers about one intent.
    public struct ServiceAnswers: Sendable, Hashable, Codable {
        /// The intent's id.
        public var id: String
        /// Its name (the service's name, the authority referred to, or the id).
        public var name: String
        /// The department responsible for the service, if it is one.
        public var department: String?
        /// Answers given.
        public var answers: Int
        /// Answers rated helpful.
        public var helpful: Int
        /// Answers rated not helpful.
        public var notHelpful: Int
    }

    /// Answers about one department.
    public struct DepartmentAnswers: Sendable, Hashable, Codable {
        /// The department's id.
        public var id: String
        /// Its name.
        public var name: String
        /// Answers given about its services or itself.
        public var answers: Int
    }

    /// Unanswered questions that share their most common word stem.
    public struct QuestionGroup: Sendable, Hashable, Codable {
        /// The stems every question of the group has, the commonest first.
        public var stems: [String]
        /// Questions in the group.
        public var questions: Int
        /// Distinct conversations that asked them (at least 2).
        public var conversations: Int
        /// The questions as asked, scrubbed, the most frequent first (at most ``QuestionGrouper/examplesPerGroup``).
        public var examples: [String]
    }

    /// One online application's funnel.
    public struct FormFunnel: Sendable, Hashable, Codable {
        /// The form's id.
        public var id: String
        /// Its title.
        public var title: String
        /// Applications started in the period.
        public var started: Int
        /// The steps in the order they are asked: the privacy notice (`einwilligung`), the fields,
        /// the summary (`absenden`).
        public var steps: [FunnelStep]
        /// Applications that reached the summary to confirm.
        public var confirmed: Int
        /// Applications submitted.
        public var submitted: Int
        /// Applications not submitted: cancelled, or left (also those still open).
        public var left: Int
        /// The step at which most applications were left, if any was.
        public var mostLeftAt: String?
    }

    /// One step of a funnel.
    public struct FunnelStep: Sendable, Hashable, Codable {
        /// The field id, `einwilligung` or `absenden`.
        public var id: String
        /// The field's label, „Datenschutzhinweis“ or „Zusammenfassung“.
        public var label: String
        /// Applications in which the step was asked.
        public var reached: Int
        /// Applications left while this step was the one asked.
        public var left: Int
        /// Answers to the step refused as invalid.
        public var validationErrors: Int
    }

    /// How long one department's applications took.
    public struct DepartmentTimes: Sendable, Hashable, Codable {
        /// The department's id.
        public var id: String
        /// Its name.
        public var name: String
        /// Applications delivered in the period.
        public var delivered: Int
        /// Median time from submission to delivery, in minutes (nil without deliveries).
        public var deliveryMedianMinutes: Double?
        /// 90th percentile of that time, in minutes.
        public var deliveryP90Minutes: Double?
        /// Procedures completed in the period.
        public var completed: Int
        /// Median time from delivery to completion, in days (nil without completions).
        public var procedureMedianDays: Double?
        /// 90th percentile of that time, in days.
        public var procedureP90Days: Double?
    }
}
