import Crypto
import Foundation
import RathausCatalog

/// Documents a citizen sends because the department asked for them: stored with their SHA-256 and
/// an outbox row in one durable transaction, delivered as `application.documents_submitted`.
/// Files sent for a form's document field wait as drafts of their conversation until the
/// application is submitted, and are then delivered the same way.
extension ConversationStore {
    /// A stored document.
    public struct StoredDocument: Sendable, Hashable {
        /// Its id (the webhook id of its delivery).
        public let id: String
        /// The id the department gave the document in its request ("foto").
        public let requestedID: String
        /// The department's label ("Foto des Baums").
        public let label: String
        /// `application/pdf`, `image/jpeg` or `image/png`, from the file's first bytes.
        public let mediaType: String
        /// The file's size in bytes.
        public let byteCount: Int
        /// The SHA-256 of the content, hex.
        public let sha256: String
        /// The content; nil once purged.
        public let content: Data?
        /// When it arrived.
        public let uploadedAt: Date
    }

    /// What became of a document sent.
    public enum DocumentOutcome: Sendable, Hashable {
        /// Stored and queued for delivery.
        case stored(StoredDocument)
        /// No application has this reference.
        case unknownReference
        /// The department asks for no document with this id (or the procedure has ended); the German reason.
        case refused(String)
    }

    /// The documents the department asks for and has not yet received from the citizen, from its
    /// latest request; empty when none is open or the procedure has ended.
    public func openRequests(reference: String) throws -> [ProcedureEvent.RequestedDocument] {
        try database.read { db in
            guard let applicationID = try Self.applicationID(reference, db) else { return [] }
            return try Self.openRequests(applicationID, db)
        }
    }

    /// Stores `content` (already checked, see ``DocumentFile``) as the requested document
    /// `requestedID` of the application `reference`, with its outbox row, in one durable transaction.
    public func addDocument(
        reference: String, requestedID: String, content: Data, mediaType: DocumentFile.MediaType, now: Date = Date()
    )
        throws -> DocumentOutcome
    {
        try writeTransaction(durable: true) { db in
            guard let applicationID = try Self.applicationID(reference, db, locking: true) else { return .unknownReference }
            guard let request = try Self.openRequests(applicationID, db).first(where: { $0.id == requestedID }) else {
                return .refused("Dieses Dokument wird für den Antrag nicht (mehr) angefordert.")
            }
            let document = StoredDocument(
                id: UUID().uuidString.lowercased(), requestedID: requestedID, label: request.label, mediaType: mediaType.rawValue,
                byteCount: content.count, sha256: SHA256.hash(data: content).hexString,
                content: content, uploadedAt: now)
            try db.execute(
                """
                INSERT INTO document (id, application_id, requested_id, label, media_type, byte_count, sha256, content, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    document.id, applicationID, requestedID, request.label, document.mediaType, document.byteCount, document.sha256,
                    content, now,
                ])
            try db.execute(
                """
                INSERT INTO outbox (application_id, kind, message_id, department_id, next_attempt_at, created_at)
                SELECT id, ?, ?, department_id, ?, ? FROM application WHERE id = ?
                """, [OutboxItem.Kind.documentsSubmitted.rawValue, document.id, now, now, applicationID])
            return .stored(document)
        }
    }

    /// Stores `content` (already checked, see ``DocumentFile``) as the answer to the document field
    /// `field` of the form filled in in `conversation`, durably; nil when the conversation is gone.
    public func addDraftDocument(
        conversation: String, field: FormField, content: Data, mediaType: DocumentFile.MediaType, now: Date = Date()
    ) throws -> AttachedDocument? {
        let document = AttachedDocument(
            id: UUID().uuidString.lowercased(), label: field.label, mediaType: mediaType.rawValue, byteCount: content.count,
            sha256: SHA256.hash(data: content).hexString)
        return try writeTransaction(durable: true) { db in
            guard try db.exists("SELECT 1 FROM conversation WHERE id = ?", [conversation]) else { return nil }
            try db.execute(
                """
                INSERT INTO draft_document (id, conversation_id, field_id, label, media_type, byte_count, sha256, content, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    document.id, conversation, field.id, document.label, document.mediaType, document.byteCount, document.sha256, content, now,
                ])
            return document
        }
    }

    /// Deletes the files sent for a form in `conversation` that was given up (or submitted: then
    /// the files it uses have moved already).
    public func deleteDraftDocuments(conversation: String) throws {
        try database.write { db in
            try db.execute("DELETE FROM draft_document WHERE conversation_id = ?", [conversation])
        }
    }

    /// Part of a submission: moves the draft files the application's document fields name to its
    /// documents, each with the outbox row that delivers it, and deletes the other drafts of the
    /// conversation. Throws when a named draft is missing, so that the submission fails as a whole.
    static func moveDraftDocuments(of application: SubmittedApplication, in db: any SQLConnection) throws {
        for entry in application.data {
            guard case .document(let document) = entry.value else { continue }
            let moved = try db.execute(
                """
                INSERT INTO document (id, application_id, requested_id, label, media_type, byte_count, sha256, content, uploaded_at)
                SELECT id, ?, field_id, label, media_type, byte_count, sha256, content, uploaded_at
                FROM draft_document WHERE id = ? AND conversation_id = ?
                """, [application.id, document.id, application.conversationID])
            guard moved == 1 else { throw Failure(description: "a file of the application is missing from its drafts") }
            try queue(.documentsSubmitted, messageID: document.id, of: application, in: db)
        }
        try db.execute("DELETE FROM draft_document WHERE conversation_id = ?", [application.conversationID])
    }

    /// The documents sent for the application `reference`, oldest first, without their content.
    public func documents(reference: String) throws -> [StoredDocument] {
        try database.read { db in
            try db.rows(
                """
                SELECT d.id, d.requested_id, d.label, d.media_type, d.byte_count, d.sha256, NULL AS content, d.uploaded_at
                FROM document d JOIN application a ON a.id = d.application_id WHERE a.reference = ? ORDER BY d.uploaded_at, d.id
                """, [reference.uppercased()]
            ).map(Self.document)
        }
    }

    /// One document with its content, for its delivery.
    static func document(id: String, in db: any SQLConnection) throws -> StoredDocument? {
        try db.row("SELECT * FROM document WHERE id = ?", [id]).map(document)
    }

    private static func document(_ row: SQLRow) throws -> StoredDocument {
        StoredDocument(
            id: try row["id"], requestedID: try row["requested_id"], label: try row["label"], mediaType: try row["media_type"],
            byteCount: try row["byte_count"], sha256: try row["sha256"], content: try row["content"], uploadedAt: try row["uploaded_at"])
    }

    /// The documents of the latest request not yet sent after it; none once the procedure has ended.
    static func openRequests(_ applicationID: String, _ db: any SQLConnection) throws -> [ProcedureEvent.RequestedDocument] {
        let events = try events(ofApplication: applicationID, db)
        guard events.last?.kind.isFinal != true,
            let request = events.last(where: { $0.kind == .documentsRequested })
        else { return [] }
        let sent = Set(
            try db.rows("SELECT requested_id FROM document WHERE application_id = ? AND uploaded_at >= ?", [applicationID, request.receivedAt])
                .map { try $0["requested_id"] as String })
        return request.documents.filter { !sent.contains($0.id) }
    }
}
