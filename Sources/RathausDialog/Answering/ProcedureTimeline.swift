import Foundation
import RathausCatalog

/// Where an application stands, as the citizen reads it: each step with its date and the
/// department's note, what comes next, and the days so far against the service's usual
/// processing time (`bearbeitungsdauer`). The chat, the command line and the API show the same.
public struct ProcedureTimeline: Sendable {
    /// One line of the timeline.
    public struct Step: Sendable, Hashable {
        /// The date in Germany.
        public let date: CalendarDate
        /// The step as the citizen reads it ("Unterlagen nachgefordert").
        public let label: String
        /// The step's kind (`submitted`, `delivered` or a ``ProcedureEvent/Kind`` raw value).
        public let kind: String
        /// The department's note, if any.
        public let note: String?
        /// Documents asked for in this step.
        public let documents: [ProcedureEvent.RequestedDocument]
        /// By when the department expects the next step, if it said so.
        public let expectedBy: CalendarDate?
    }

    /// The application's reference number.
    public let reference: String
    /// The service's name ("Baumfällung beantragen"), or the form id when the catalogue lacks it.
    public let serviceName: String
    /// The receiving department's name.
    public let departmentName: String
    /// The steps, oldest first: submitted, delivered, then the department's own.
    public let steps: [Step]
    /// What comes next, one or two German sentences.
    public let next: String
    /// The service's usual processing time as its file says it, if it says.
    public let usualDuration: String?
    /// Days from submission to today, or to the last step once the procedure has ended.
    public let daysSoFar: Int
    /// True when the days so far exceed the upper end of the usual processing time.
    public let takesLongerThanUsual: Bool
    /// True once the procedure is completed or withdrawn.
    public let hasEnded: Bool
    /// The documents the department asks for and has not received yet.
    public let openRequests: [ProcedureEvent.RequestedDocument]

    /// The timeline of `status` with the names and processing time from `catalog`, counted to `today`.
    public init(status: ApplicationStatus, catalog: Catalog, today: CalendarDate) {
        let entry = catalog.knowledge[status.formID]
        let department = catalog.departments[status.departmentID]
        reference = status.reference
        serviceName = entry?.name ?? catalog.forms[status.formID]?.title ?? status.formID
        departmentName = department?.name ?? status.departmentID
        var steps: [Step] = []
        if let submitted = status.submittedAt {
            steps.append(Step(date: .today(now: submitted), label: "Abgeschickt", kind: "submitted", note: nil, documents: [], expectedBy: nil))
        }
        if let delivered = status.deliveredAt {
            steps.append(
                Step(
                    date: .today(now: delivered), label: "An \(departmentName) übermittelt", kind: "delivered", note: nil, documents: [],
                    expectedBy: nil))
        }
        steps += status.events.map { event in
            Step(
                date: .today(now: event.receivedAt), label: event.kind.german, kind: event.kind.rawValue, note: event.note,
                documents: event.documents, expectedBy: event.expectedBy)
        }
        self.steps = steps
        openRequests = status.openRequests
        let ended = status.events.last.map(\.kind.isFinal) ?? false
        hasEnded = ended
        let start = status.submittedAt.map { CalendarDate.today(now: $0) } ?? today
        let end = ended ? (steps.last?.date ?? today) : today
        let days = max(0, end.days(since: start))
        daysSoFar = days
        usualDuration = entry?.processingTime
        let longest = entry?.processingTime.flatMap(Self.longestDays(in:))
        takesLongerThanUsual = !ended && longest.map { days > $0 } ?? false
        next = Self.next(status: status, department: department, departmentName: departmentName)
    }

    /// The timeline as text for the chat and the command line.
    public var text: String {
        var lines = ["Stand Ihres Antrags \(reference) (\(serviceName)):"]
        for step in steps {
            var line = "• \(step.date.german): \(step.label)"
            if !step.documents.isEmpty { line += ": " + step.documents.map(\.label).joined(separator: ", ") }
            if let note = step.note { line += " – „\(note)“" }
            lines.append(line)
        }
        let days = daysSoFar == 1 ? "1 Tag" : "\(daysSoFar) Tage"
        let sofar = hasEnded ? "Gedauert hat es \(days)." : daysSoFar == 0 ? "Eingereicht heute." : "Bisher \(days)."
        lines.append(usualDuration.map { "\(sofar) Üblich: \($0)." } ?? sofar)
        if takesLongerThanUsual { lines.append("Das ist länger als üblich. Fragen Sie gern bei \(departmentName) nach.") }
        lines.append(next)
        return lines.joined(separator: "\n")
    }

    /// What comes next after the last step.
    private static func next(status: ApplicationStatus, department: Department?, departmentName: String) -> String {
        guard let last = status.events.last else {
            switch status.state {
            case .received: return "Als Nächstes übermitteln wir ihn an \(departmentName)."
            case .delivered: return "Als Nächstes bestätigt \(departmentName) den Eingang."
            case .retrying: return "Die Übermittlung an \(departmentName) wird gerade wiederholt. Es geht nichts verloren."
            case .problem:
                return "Bei der Übermittlung gibt es ein Problem. Die Stadtverwaltung ist informiert und kümmert sich darum; es geht nichts verloren."
            }
        }
        let by = last.expectedBy.map { " voraussichtlich bis \($0.german)" } ?? ""
        switch last.kind {
        case .received, .inProgress:
            return "Als Nächstes: \(departmentName) bearbeitet Ihren Antrag\(by)."
        case .documentsRequested:
            let until = last.expectedBy.map { " bis \($0.german)" } ?? ""
            guard !status.openRequests.isEmpty else { return "Als Nächstes: \(departmentName) prüft die Unterlagen, die Sie gesendet haben." }
            let missing = status.openRequests.map { "„\($0.label)“" }.joined(separator: ", ")
            return "Als Nächstes: Bitte senden Sie\(until) \(missing) hier im Chat (PDF, JPEG oder PNG bis 10 MB)."
        case .approved, .rejected:
            return "Über Ihren Antrag ist entschieden. Den Bescheid erhalten Sie von \(departmentName)."
        case .completed:
            return "Der Vorgang ist abgeschlossen."
        case .withdrawn:
            return "Der Vorgang ist beendet."
        }
    }

    /// The upper end of a processing time in days: "etwa 4 bis 8 Wochen" → 56, "3 bis 7 Werktage"
    /// → 10, "2 Monate" → 62; nil when the text names no number with a unit of time.
    static func longestDays(in text: String) -> Int? {
        let pattern = /(\d+)(?:\s*(?:bis|-|–)\s*(\d+))?\s*(Werktage|Arbeitstage|Tage|Wochen|Monate)/
        guard let match = text.firstMatch(of: pattern) else { return nil }
        guard let number = Int(match.output.2 ?? match.output.1) else { return nil }
        switch match.output.3 {
        case "Werktage", "Arbeitstage": return (number * 7 + 4) / 5
        case "Wochen": return number * 7
        case "Monate": return number * 31
        default: return number
        }
    }
}
