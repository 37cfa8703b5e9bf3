import Foundation
import RathausCatalog
import RathausDialog
import RathausStore
import RathausUnderstanding

/// Builds a ``Report`` from the store: one pass over the turns of the period (conversation by
/// conversation), plus the delivery and procedure times of the applications. Names, labels and the
/// order of each form's fields come from the catalogue; ids no longer in it are shown as they are.
public struct ReportBuilder {
    private let catalog: Catalog
    private let period: ReportPeriod
    private var days = TownDays()
    private var totals = Report.Totals()
    private var perDay: [CalendarDate: (conversations: Int, turns: Int)] = [:]
    private var conversationDays: Set<CalendarDate> = []
    private var conversation: String?
    private var services: [String: (answers: Int, helpful: Int, notHelpful: Int)] = [:]
    private var departments: [String: Int] = [:]
    private var funnels = FunnelCounter()
    private var grouper: QuestionGrouper

    /// A builder for `period`, naming things from `catalog` and grouping with `stemmer`.
    public init(catalog: Catalog, period: ReportPeriod, stemmer: SnowballStemmer) {
        self.catalog = catalog
        self.period = period
        grouper = QuestionGrouper(stemmer: stemmer)
    }

    /// The report of `period` over the turns and applications in `store`.
    public static func report(store: ConversationStore, catalog: Catalog, period: ReportPeriod, stemmer: SnowballStemmer) throws -> Report {
        var builder = ReportBuilder(catalog: catalog, period: period, stemmer: stemmer)
        try store.forEachReportedTurn(from: period.start, to: period.end) { builder.add($0) }
        return builder.finish(
            deliveries: try store.deliveryDurations(from: period.start, to: period.end),
            procedures: try store.procedureDurations(from: period.start, to: period.end))
    }

    /// Counts one turn (turns come conversation by conversation, each in order).
    public mutating func add(_ turn: ConversationStore.ReportedTurn) {
        if turn.conversation != conversation {
            conversation = turn.conversation
            conversationDays = []
            totals.conversations += 1
        }
        totals.turns += 1
        if let day = days.day(of: turn.createdAt) {
            perDay[day, default: (0, 0)].turns += 1
            if conversationDays.insert(day).inserted { perDay[day, default: (0, 0)].conversations += 1 }
        }
        let facts = turn.facts
        switch facts.kind {
        case .answered:
            totals.answered += 1
            if facts.resolvesClarification { totals.clarificationsResolved += 1 } else { totals.questions += 1 }
            if let intent = facts.intent { services[intent, default: (0, 0, 0)].answers += 1 }
            if let department = facts.department { departments[department, default: 0] += 1 }
        case .unanswered:
            totals.questions += 1
            totals.unanswered += 1
            if let text = turn.unansweredText { grouper.add(PersonalDataScrubber.scrub(text), conversation: turn.conversation) }
        case .clarification:
            totals.questions += 1
            totals.clarifications += 1
        case .form, .feedback, .other:
            break
        }
        if let helpful = turn.feedback {
            if helpful { totals.helpful += 1 } else { totals.notHelpful += 1 }
            if let intent = facts.intent, facts.kind == .answered {
                if helpful { services[intent, default: (0, 0, 0)].helpful += 1 } else { services[intent, default: (0, 0, 0)].notHelpful += 1 }
            } else if facts.kind == .unanswered, !helpful {
                totals.unansweredNotHelpful += 1
            }
        }
        funnels.add(facts, conversation: turn.conversation)
    }

    /// The report, with the times of `deliveries` and `procedures` per department.
    public mutating func finish(deliveries: [ConversationStore.DepartmentDuration], procedures: [ConversationStore.DepartmentDuration]) -> Report {
        funnels.finish()
        if totals.questions > 0 {
            totals.unansweredShare = Double(totals.unanswered) / Double(totals.questions)
            totals.answeredAfterClarificationShare = Double(totals.clarificationsResolved) / Double(totals.questions)
        }
        return Report(
            since: period.since.description, until: period.until.description,
            town: catalog.fallbackDepartment?.address.city ?? "", privacyNote: Self.privacyNote, totals: totals,
            days: period.days.map { day in
                let counts = perDay[day] ?? (0, 0)
                return Report.Day(date: day.description, conversations: counts.conversations, turns: counts.turns)
            },
            services: services.map { id, counts in
                Report.ServiceAnswers(
                    id: id, name: serviceName(id), department: catalog.knowledge[id].map { departmentName($0.departmentID) },
                    answers: counts.answers, helpful: counts.helpful, notHelpful: counts.notHelpful)
            }.sorted { ($0.answers, $1.name) > ($1.answers, $0.name) },
            departments: departments.map { Report.DepartmentAnswers(id: $0.key, name: departmentName($0.key), answers: $0.value) }
                .sorted { ($0.answers, $1.name) > ($1.answers, $0.name) },
            unansweredGroups: grouper.groups(),
            forms: funnels.forms.map { funnel(form: $0.key, counts: $0.value) }.sorted { ($0.started, $1.title) > ($1.started, $0.title) },
            departmentTimes: Self.times(deliveries: deliveries, procedures: procedures, name: departmentName))
    }

    /// What the report leaves out, as its first page says it.
    public static let privacyNote =
        "Dieser Bericht enthält keine personenbezogenen Daten. Angaben aus Anträgen erscheinen nie. Texte von Bürgerinnen und "
        + "Bürgern erscheinen nur bei unbeantworteten Fragen, und nur, wenn mindestens \(Report.minimumConversationsPerGroup) "
        + "verschiedene Gespräche etwas aus derselben Gruppe gefragt haben (k ≥ \(Report.minimumConversationsPerGroup)). "
        + "Vorher werden E-Mail-Adressen, Telefonnummern, IBANs, Vorgangsnummern, Postleitzahlen mit Straßennamen und alle "
        + "Zahlen mit 5 oder mehr Ziffern entfernt."

    private func serviceName(_ id: String) -> String {
        catalog.knowledge[id]?.name ?? catalog.referrals[id]?.name ?? catalog.forms[id]?.title ?? id
    }

    private func departmentName(_ id: String) -> String {
        catalog.departments[id]?.name ?? id
    }

    /// The funnel of `form` in the order its steps are asked.
    private func funnel(form id: String, counts: FunnelCounter.Counts) -> Report.FormFunnel {
        var order: [(id: String, label: String)] = []
        if let form = catalog.forms[id] {
            for field in form.fields {
                if field.isPersonal, !order.contains(where: { $0.id == "einwilligung" }) { order.append(("einwilligung", "Datenschutzhinweis")) }
                order.append((field.id, field.label))
            }
        }
        order.append((FunnelCounter.summaryStep, "Zusammenfassung"))
        for step in counts.order + counts.validationErrors.keys.sorted() where !order.contains(where: { $0.id == step }) {
            order.append((step, step == "einwilligung" ? "Datenschutzhinweis" : step))
        }
        let steps = order.map { step in
            Report.FunnelStep(
                id: step.id, label: step.label, reached: counts.reached[step.id] ?? 0, left: counts.left[step.id] ?? 0,
                validationErrors: counts.validationErrors[step.id] ?? 0)
        }
        let mostLeft = steps.filter { $0.left > 0 }.max { $0.left < $1.left }
        return Report.FormFunnel(
            id: id, title: catalog.forms[id]?.title ?? id, started: counts.started, steps: steps, confirmed: counts.confirmed,
            submitted: counts.submitted, left: counts.started - counts.submitted, mostLeftAt: mostLeft?.id)
    }

    /// Median and 90th percentile of the delivery (minutes) and procedure (days) times per department.
    static func times(
        deliveries: [ConversationStore.DepartmentDuration], procedures: [ConversationStore.DepartmentDuration], name: (String) -> String
    ) -> [Report.DepartmentTimes] {
        let delivered = Dictionary(grouping: deliveries, by: \.department).mapValues { $0.map { $0.seconds / 60 }.sorted() }
        let completed = Dictionary(grouping: procedures, by: \.department).mapValues { $0.map { $0.seconds / 86_400 }.sorted() }
        return Set(delivered.keys).union(completed.keys).sorted().map { id in
            let minutes = delivered[id] ?? [], days = completed[id] ?? []
            return Report.DepartmentTimes(
                id: id, name: name(id), delivered: minutes.count,
                deliveryMedianMinutes: minutes.isEmpty ? nil : Percentile.of(0.5, sorted: minutes),
                deliveryP90Minutes: minutes.isEmpty ? nil : Percentile.of(0.9, sorted: minutes), completed: days.count,
                procedureMedianDays: days.isEmpty ? nil : Percentile.of(0.5, sorted: days),
                procedureP90Days: days.isEmpty ? nil : Percentile.of(0.9, sorted: days))
        }
    }
}
