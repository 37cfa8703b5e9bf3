import Foundation
import RathausCatalog
import RathausTestSupport
import Testing

@testable import RathausDialog

@Suite("Procedure steps: which may follow which, and the timeline")
struct ProcedureTimelineTests {
    static func events(_ kinds: [ProcedureEvent.Kind]) -> [ProcedureEvent] {
        kinds.map { ProcedureEvent(kind: $0, documents: $0 == .documentsRequested ? [.init(id: "a", label: "A")] : []) }
    }

    @Test("nothing after completed or withdrawn, received first and once, a decision only once, documents named")
    func rules() {
        let refusal = { (next: ProcedureEvent.Kind, earlier: [ProcedureEvent.Kind]) in
            ProcedureRules.refusal(of: Self.events([next])[0], after: earlier)
        }
        #expect(refusal(.received, []) == nil)
        #expect(refusal(.withdrawn, []) == nil)
        #expect(refusal(.approved, []) != nil)
        #expect(refusal(.inProgress, [.received]) == nil)
        #expect(refusal(.documentsRequested, [.received, .inProgress]) == nil)
        #expect(refusal(.inProgress, [.received, .documentsRequested]) == nil)
        #expect(refusal(.received, [.received]) != nil)
        #expect(refusal(.rejected, [.received, .approved]) != nil)
        #expect(refusal(.completed, [.received, .approved]) == nil)
        #expect(refusal(.inProgress, [.received, .completed]) != nil)
        #expect(refusal(.received, [.withdrawn]) != nil)
        #expect(refusal(.inProgress, [.received] + Array(repeating: .inProgress, count: ProcedureRules.maximumSteps - 1)) != nil)
        #expect(ProcedureRules.refusal(of: ProcedureEvent(kind: .documentsRequested), after: [.received]) != nil)
        #expect(ProcedureRules.problem(with: ProcedureEvent(kind: .received, note: String(repeating: "x", count: 2_001))) != nil)
        #expect(ProcedureRules.problem(with: ProcedureEvent(kind: .documentsRequested, documents: [.init(id: "Foto!", label: "Foto")])) != nil)
        #expect(ProcedureRules.problem(with: ProcedureEvent(kind: .received, documents: [.init(id: "foto", label: "Foto")])) != nil)
        #expect(ProcedureRules.problem(with: ProcedureEvent(kind: .documentsRequested, documents: [.init(id: "foto", label: "Foto")])) == nil)
    }

    @Test("the upper end of a processing time in days")
    func usualDays() {
        #expect(ProcedureTimeline.longestDays(in: "etwa 4 bis 8 Wochen ab vollständigem Antrag") == 56)
        #expect(ProcedureTimeline.longestDays(in: "3 bis 7 Werktage zuzüglich Postweg") == 10)
        #expect(ProcedureTimeline.longestDays(in: "in der Regel 2 Monate") == 62)
        #expect(ProcedureTimeline.longestDays(in: "sofort") == nil)
    }

    @Test("days so far against the usual time; an ended procedure counts to its last step")
    func daysSoFar() throws {
        let catalog = CatalogFixture.shipped
        let submitted = try #require(ISO8601DateFormatter().date(from: "2027-01-04T10:00:00Z"))
        let status = ApplicationStatus(
            reference: "MS-2027-000001", departmentID: "abfallwirtschaft", state: .delivered, deliveredAt: submitted, identifiers: [],
            formID: "sperrmuell-anmelden", submittedAt: submitted,
            events: [ProcedureEvent(kind: .received, receivedAt: submitted.addingTimeInterval(86_400))])
        let late = ProcedureTimeline(status: status, catalog: catalog, today: try #require(CalendarDate(year: 2027, month: 3, day: 1)))
        #expect(late.daysSoFar == 56)
        #expect(late.takesLongerThanUsual, "Sperrmüll usually takes 2 to 4 weeks")
        #expect(late.text.contains("länger als üblich"))
        #expect(late.steps.map(\.kind) == ["submitted", "delivered", "received"])
        let done = ApplicationStatus(
            reference: "MS-2027-000001", departmentID: "abfallwirtschaft", state: .delivered, deliveredAt: submitted, identifiers: [],
            formID: "sperrmuell-anmelden", submittedAt: submitted,
            events: status.events + [ProcedureEvent(kind: .completed, receivedAt: submitted.addingTimeInterval(9 * 86_400))])
        let ended = ProcedureTimeline(status: done, catalog: catalog, today: try #require(CalendarDate(year: 2027, month: 3, day: 1)))
        #expect(ended.daysSoFar == 9)
        #expect(!ended.takesLongerThanUsual)
        #expect(ended.text.contains("Gedauert hat es 9 Tage."))
        #expect(ended.next == "Der Vorgang ist abgeschlossen.")
    }
}
