import Foundation
import HTTPTypes
import Hummingbird
import RathausCatalog
import RathausConversations
import RathausDelivery
import RathausDialog
import RathausStore

/// The way back over HTTP: departments report the steps of an application's procedure
/// (`POST /api/v1/applications/{reference}/events`, signed as Standard Webhooks with the
/// department's own secrets from the config), and the citizen's widget reads the timeline
/// (`GET /api/v1/applications/{reference}` with the token of the conversation that submitted it)
/// and sends the documents the department asked for
/// (`POST /api/v1/applications/{reference}/documents/{id}`, the file as the body, with that token).
///
/// A request signed with no configured secret gets 401; one signed by a department that does not
/// own the reference gets 404, as does an unknown reference: neither says which.
struct ApplicationsAPI: Sendable {
    let procedures: ProcedureService
    /// A verifier per department id, and `default` for departments without their own entry.
    let verifiers: [String: WebhookVerifier]

    /// Registers both routes on `router`.
    func register(on router: Router<RathausRequestContext>) {
        let applications = router.group("api/v1/applications")
        applications.post(":reference/events") { request, context -> Response in
            let reference = try context.parameters.require("reference")
            let body = try await ChatAPI.body(of: request)
            try await authenticate(request, body: body, reference: reference)
            let event = try Self.event(from: body)
            switch try await procedures.record(event, reference: reference, webhookID: request.headers[values: Self.idHeader].first) {
            case .accepted(let stored), .duplicate(let stored):
                return .json(Self.json(stored, reference: reference.uppercased()))
            case .unknownReference:
                throw Self.unknownReference
            case .refused(let reason):
                throw APIError(status: .conflict, code: "impossible_step", message: reason)
            }
        }
        applications.post(":reference/documents/:document") { request, context -> Response in
            let reference = try context.parameters.require("reference")
            let requestedID = try context.parameters.require("document")
            // A stranger gets 404 before a byte of the file is read.
            try await ChatAPI.notFoundIfMissing { try await procedures.checkAccess(to: reference, access: ChatAPI.access(request)) }
            var request = request
            guard let buffer = try? await request.collectBody(upTo: DocumentFile.maximumBytes) else {
                throw APIError(status: .contentTooLarge, code: "too_large", message: "Die Datei ist zu groß. \(DocumentFile.allowed)")
            }
            let outcome: ConversationStore.DocumentOutcome
            do {
                outcome = try await ChatAPI.notFoundIfMissing {
                    try await procedures.send(document: Data(buffer: buffer), as: requestedID, for: reference, access: ChatAPI.access(request))
                }
            } catch let refusal as DocumentFile.Refusal {
                throw APIError(status: .unsupportedMediaType, code: "bad_document", message: refusal.message)
            }
            switch outcome {
            case .stored(let document):
                return .json(
                    [
                        "id": .string(document.id), "requested_id": .string(document.requestedID), "label": .string(document.label),
                        "media_type": .string(document.mediaType), "size": .int(document.byteCount), "sha256": .string(document.sha256),
                    ], status: .created)
            case .unknownReference:
                throw APIError.notFound
            case .refused(let reason):
                throw APIError(status: .conflict, code: "not_requested", message: reason)
            }
        }
        applications.get(":reference") { request, context -> Response in
            let reference = try context.parameters.require("reference")
            let timeline = try await ChatAPI.notFoundIfMissing { try await procedures.timeline(of: reference, access: ChatAPI.access(request)) }
            return .json(Self.json(timeline))
        }
    }

    /// Returns when the request is signed by the department that owns `reference`; throws 401 when
    /// it is signed by none (or stale), 404 when by another department or the reference is unknown.
    private func authenticate(_ request: Request, body: Data, reference: String) async throws {
        let headers = request.headers
        let verify = { (verifier: WebhookVerifier) throws(WebhookVerifier.Failure) in
            try verifier.verify(
                id: headers[values: Self.idHeader].first, timestamp: headers[values: Self.timestampHeader].first,
                signature: headers[values: Self.signatureHeader].first, body: body)
        }
        let owner = try await procedures.department(ofReference: reference).flatMap { verifiers[$0] ?? verifiers["default"] }
        if let owner {
            do throws(WebhookVerifier.Failure) {
                try verify(owner)
                return
            } catch .badSignature {
                // Perhaps another department's secret: told apart below.
            } catch {
                throw Self.unauthorized
            }
        }
        let signedByAnother = verifiers.values.contains { verifier in (try? verify(verifier)) != nil }
        throw signedByAnother ? Self.unknownReference : Self.unauthorized
    }

    /// The event of a request body: `{"type", "note", "documents": [{"id", "label"}], "expected_by"}`.
    private static func event(from body: Data) throws -> ProcedureEvent {
        guard let request = try? JSONDecoder().decode(EventRequest.self, from: body) else { throw APIError.badRequest }
        guard let kind = ProcedureEvent.Kind(rawValue: request.type) else {
            let allowed = ProcedureEvent.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError(status: .unprocessableContent, code: "bad_event", message: "Unbekannter Typ. Erlaubt sind: \(allowed).")
        }
        var expectedBy: CalendarDate?
        if let text = request.expectedBy {
            guard let date = CalendarDate(iso: text) else {
                throw APIError(status: .unprocessableContent, code: "bad_event", message: "expected_by muss ein Datum sein, z. B. 2027-01-31.")
            }
            expectedBy = date
        }
        let note = request.note?.trimmingCharacters(in: .whitespacesAndNewlines)
        let event = ProcedureEvent(
            kind: kind, note: note?.isEmpty == false ? note : nil,
            documents: (request.documents ?? []).map { .init(id: $0.id, label: $0.label) }, expectedBy: expectedBy)
        if let problem = ProcedureRules.problem(with: event) {
            throw APIError(status: .unprocessableContent, code: "bad_event", message: problem)
        }
        return event
    }

    /// An event as JSON, the same for the first delivery and every repetition of its webhook id.
    static func json(_ event: ProcedureEvent, reference: String) -> JSONValue {
        [
            "reference": .string(reference), "type": .string(event.kind.rawValue), "label": .string(event.kind.german),
            "note": event.note.map(JSONValue.string) ?? .null, "documents": documentsJSON(event.documents),
            "expected_by": event.expectedBy.map { .string($0.description) } ?? .null,
            "received_at": .string(event.receivedAt.formatted(.iso8601)),
        ]
    }

    /// A timeline as JSON.
    static func json(_ timeline: ProcedureTimeline) -> JSONValue {
        [
            "reference": .string(timeline.reference), "service": .string(timeline.serviceName),
            "department": .string(timeline.departmentName),
            "steps": .array(
                timeline.steps.map { step in
                    [
                        "date": .string(step.date.description), "type": .string(step.kind), "label": .string(step.label),
                        "note": step.note.map(JSONValue.string) ?? .null, "documents": documentsJSON(step.documents),
                        "expected_by": step.expectedBy.map { .string($0.description) } ?? .null,
                    ]
                }),
            "next": .string(timeline.next), "usual_duration": timeline.usualDuration.map(JSONValue.string) ?? .null,
            "days_so_far": .int(timeline.daysSoFar), "takes_longer_than_usual": .bool(timeline.takesLongerThanUsual),
            "ended": .bool(timeline.hasEnded), "open_requests": documentsJSON(timeline.openRequests),
        ]
    }

    private static func documentsJSON(_ documents: [ProcedureEvent.RequestedDocument]) -> JSONValue {
        .array(documents.map { ["id": .string($0.id), "label": .string($0.label)] })
    }

    static let idHeader = HTTPField.Name("webhook-id")!
    static let timestampHeader = HTTPField.Name("webhook-timestamp")!
    static let signatureHeader = HTTPField.Name("webhook-signature")!

    static let unauthorized = APIError(
        status: .unauthorized, code: "unauthorized",
        message: "Die Signatur fehlt, passt nicht oder ist älter als fünf Minuten.")
    static let unknownReference = APIError(status: .notFound, code: "not_found", message: "Diesen Vorgang gibt es für Ihre Stelle nicht.")

    /// The body of an event.
    struct EventRequest: Decodable {
        let type: String
        let note: String?
        let documents: [Document]?
        let expectedBy: String?

        struct Document: Decodable {
            let id: String
            let label: String
        }

        private enum CodingKeys: String, CodingKey {
            case type, note, documents
            case expectedBy = "expected_by"
        }
    }
}
