/// The OpenAPI 3.1 description of the HTTP API, served at `GET /api/v1/openapi.json`. A test
/// compares its paths and methods with the router's routes, and the router tests check every
/// status they see against it.
public enum OpenAPIDocument {
    /// The document, as JSON.
    public static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Rathaus",
            "version": "1.0.0",
            "summary": "Chat assistant for the services of a German municipality.",
            "description": "Conversations with the Rathaus assistant. A conversation is created with POST /api/v1/conversations, which returns its id and a token; every later call on it needs `Authorization: Bearer TOKEN`. A wrong or missing token gets 404, exactly like a conversation that does not exist. Request bodies are at most 16 KiB, messages at most 1,000 characters. Clients are rate-limited per address (429 with Retry-After). A method that a path does not have gets 405 with an Allow header. While the chat is switched off for maintenance (`server.maintenance: {message: TEXT}` in the config file, reloaded while running, or `rathaus maintenance on`), new conversations and messages get 503 with the code `maintenance` and the text for citizens; everything else answers as usual and nothing stored is touched.",
            "license": { "name": "MIT", "identifier": "MIT" }
          },
          "servers": [{ "url": "/" }],
          "paths": {
            "/api/v1/conversations": {
              "post": {
                "operationId": "createConversation",
                "summary": "Starts a conversation.",
                "description": "503 with the code `maintenance` while the chat is switched off for maintenance. An optional body chooses the language; without it the language is detected from the first message.",
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewConversation" } } } },
                "responses": {
                  "201": { "description": "The new conversation with its token (shown only once) and the welcome.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CreatedConversation" } } } },
                  "400": { "$ref": "#/components/responses/Error" },
                  "403": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" },
                  "503": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/api/v1/conversations/{id}/messages": {
              "parameters": [{ "$ref": "#/components/parameters/ConversationID" }],
              "post": {
                "operationId": "sendMessage",
                "summary": "Sends the citizen's message and returns the assistant's turn.",
                "description": "503 with the code `maintenance` and the text for citizens while the chat is switched off for maintenance; 503 with the code `busy` and Retry-After when, on a database shared by several servers, another server has been answering this conversation's previous message for too long. The message is not stored in either case.",
                "security": [{ "conversationToken": [] }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Message" } } } },
                "responses": {
                  "200": { "description": "The assistant's answer, the same fields as a line of `rathaus chat --json`.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Turn" } } } },
                  "400": { "$ref": "#/components/responses/Error" },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "413": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" },
                  "503": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/api/v1/conversations/{id}/documents/{field}": {
              "parameters": [
                { "$ref": "#/components/parameters/ConversationID" },
                { "name": "field", "in": "path", "required": true, "description": "The document field asked now (`expecting.field` while `expecting.type` is `document`).", "schema": { "type": "string" } }
              ],
              "post": {
                "operationId": "sendFormDocument",
                "summary": "Sends the file a form's document field asks for and returns the assistant's turn.",
                "description": "The file is the body (at most 10 MiB). Its type is decided by its first bytes, never by a name or the Content-Type, and must be one the field accepts; anything else gets 415 with a German sentence and nothing is stored. Another field than the one asked now gets 409. The file stays with the conversation until the application is submitted; then it goes to the department as a signed `application.documents_submitted` webhook, and the application's data names it by `document_id`, `media_type`, `size` and `sha256`.",
                "security": [{ "conversationToken": [] }],
                "requestBody": { "required": true, "content": { "application/pdf": {}, "image/jpeg": {}, "image/png": {} } },
                "responses": {
                  "200": { "description": "The assistant's answer, as for a message.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Turn" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "409": { "$ref": "#/components/responses/Error" },
                  "413": { "$ref": "#/components/responses/Error" },
                  "415": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" },
                  "503": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/api/v1/conversations/{id}/feedback": {
              "parameters": [{ "$ref": "#/components/parameters/ConversationID" }],
              "post": {
                "operationId": "sendFeedback",
                "summary": "The citizen says whether an answer helped („Hilfreich? Ja / Nein“).",
                "description": "Stored with the turn it is about, for the staff report (`rathaus report`); erased with the conversation. `turn` is the number of the citizen's message whose answer is rated (1 for the first message, as in the transcript); without it, the latest answer. Only answers to questions can be rated (the turns with `rateable: true`); another turn, or one that does not exist, gets 422. The same feedback on the same turn again changes nothing; the other one replaces it.",
                "security": [{ "conversationToken": [] }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/FeedbackRequest" } } } },
                "responses": {
                  "200": { "description": "Stored.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Feedback" } } } },
                  "400": { "$ref": "#/components/responses/Error" },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "413": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" }
                }
              }
            },
            "/api/v1/conversations/{id}": {
              "parameters": [{ "$ref": "#/components/parameters/ConversationID" }],
              "get": {
                "operationId": "getTranscript",
                "summary": "The conversation so far.",
                "security": [{ "conversationToken": [] }],
                "responses": {
                  "200": { "description": "The transcript, oldest first.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Transcript" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" }
                }
              },
              "delete": {
                "operationId": "deleteConversation",
                "summary": "Deletes the conversation, its transcript and any unsent draft (right to erasure). Submitted applications stay with the department.",
                "security": [{ "conversationToken": [] }],
                "responses": {
                  "204": { "description": "Deleted." },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" }
                }
              }
            },
            "/api/v1/applications/{reference}/events": {
              "parameters": [{ "$ref": "#/components/parameters/Reference" }],
              "post": {
                "operationId": "reportProcedureEvent",
                "summary": "A department reports the next step of an application's procedure.",
                "description": "Signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secrets of the department the application was sent to, from the config's `departments:` (several during a rotation). A timestamp more than 5 minutes from now or a signature that fits no configured secret gets 401; a signature of another department, or an unknown reference, gets 404 (neither says which). The same `webhook-id` again returns 200 with the body of the first time and stores nothing. A step that cannot follow the earlier ones (anything after `completed` or `withdrawn`, any step but `withdrawn` before `received`, another decision after `approved` or `rejected`) gets 409 with a German reason. Every accepted step is stored with the time it arrived.",
                "security": [{ "standardWebhooks": [] }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ProcedureEventRequest" } } } },
                "responses": {
                  "200": { "description": "The step as stored (also for a repeated webhook-id).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ProcedureEvent" } } } },
                  "400": { "$ref": "#/components/responses/Error" },
                  "401": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "409": { "$ref": "#/components/responses/Error" },
                  "413": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" }
                }
              }
            },
            "/api/v1/applications/{reference}/documents/{document}": {
              "parameters": [
                { "$ref": "#/components/parameters/Reference" },
                { "name": "document", "in": "path", "required": true, "description": "The id the department gave the document in its request.", "schema": { "type": "string" } }
              ],
              "post": {
                "operationId": "sendDocument",
                "summary": "The citizen sends a document the department asked for.",
                "description": "The file is the body (at most 10 MiB). Its type is decided by its first bytes, never by a name or the Content-Type: a PDF starts with `%PDF-`, a JPEG with FF D8 FF, a PNG with its 8-byte signature; anything else gets 415 with a German sentence and nothing is stored. The document is stored with its SHA-256 and delivered to the department as a signed `application.documents_submitted` webhook with its content in base64. Needs the token of the conversation that submitted the application.",
                "security": [{ "conversationToken": [] }],
                "requestBody": { "required": true, "content": { "application/pdf": {}, "image/jpeg": {}, "image/png": {} } },
                "responses": {
                  "201": { "description": "Stored and queued for delivery.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SentDocument" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "409": { "$ref": "#/components/responses/Error" },
                  "413": { "$ref": "#/components/responses/Error" },
                  "415": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" }
                }
              }
            },
            "/api/v1/applications/{reference}": {
              "parameters": [{ "$ref": "#/components/parameters/Reference" }],
              "get": {
                "operationId": "getTimeline",
                "summary": "Where an application stands: its steps with dates, what comes next, the days so far and the usual processing time.",
                "description": "Needs the token of the conversation that submitted the application; any other token, or none, gets 404, like an unknown reference.",
                "security": [{ "conversationToken": [] }],
                "responses": {
                  "200": { "description": "The timeline.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Timeline" } } } },
                  "403": { "$ref": "#/components/responses/Error" },
                  "404": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" }
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "getOpenAPI",
                "summary": "This document.",
                "responses": { "200": { "description": "OpenAPI 3.1 document.", "content": { "application/json": { "schema": { "type": "object" } } } } }
              }
            },
            "/webhooks/rest/webhook": {
              "post": {
                "operationId": "rasaRestChannel",
                "summary": "Rasa-compatible REST channel: one conversation per sender id, so that existing Rasa chat widgets work.",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RasaMessage" } } } },
                "responses": {
                  "200": { "description": "The replies, one object each.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/RasaReply" } } } } },
                  "400": { "$ref": "#/components/responses/Error" },
                  "403": { "$ref": "#/components/responses/Error" },
                  "413": { "$ref": "#/components/responses/Error" },
                  "422": { "$ref": "#/components/responses/Error" },
                  "429": { "$ref": "#/components/responses/RateLimited" },
                  "503": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/health": {
              "get": {
                "operationId": "health",
                "summary": "The process is alive.",
                "description": "`{\"status\": \"ok\"}`, or `{\"status\": \"maintenance\", \"message\": TEXT}` while the chat is switched off for maintenance (still 200: the process is alive).",
                "responses": { "200": { "description": "Alive.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } } }
              }
            },
            "/ready": {
              "get": {
                "operationId": "ready",
                "summary": "The catalogue is loaded and the database can be written.",
                "responses": {
                  "200": { "description": "Ready.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } },
                  "503": { "$ref": "#/components/responses/Error" }
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics: turns, forms, deliveries by state, reloads, rate-limited requests, responses, request latency.",
                "responses": { "200": { "description": "Prometheus text format 0.0.4.", "content": { "text/plain": { "schema": { "type": "string" } } } } }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "conversationToken": { "type": "http", "scheme": "bearer", "description": "The token returned when the conversation was created (128 random bits, base64url)." },
              "standardWebhooks": { "type": "apiKey", "in": "header", "name": "webhook-signature", "description": "`v1,` + base64 of HMAC-SHA256 over `webhook-id.webhook-timestamp.body`, keyed with the base64 part of the department's `whsec_` secret (https://www.standardwebhooks.com)." }
            },
            "parameters": {
              "ConversationID": { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
              "Reference": { "name": "reference", "in": "path", "required": true, "schema": { "type": "string", "examples": ["MS-2026-000042"] } }
            },
            "responses": {
              "Error": { "description": "An error.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
              "RateLimited": {
                "description": "Too many requests from this client.",
                "headers": { "Retry-After": { "description": "Seconds to wait.", "schema": { "type": "integer", "minimum": 1 } } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
              }
            },
            "schemas": {
              "CreatedConversation": {
                "type": "object",
                "required": ["id", "token", "replies", "state", "language"],
                "properties": {
                  "id": { "type": "string" },
                  "token": { "type": "string", "minLength": 22 },
                  "replies": { "type": "array", "items": { "type": "string" } },
                  "state": { "$ref": "#/components/schemas/State" },
                  "language": { "$ref": "#/components/schemas/Language" }
                }
              },
              "NewConversation": {
                "type": "object",
                "properties": { "language": { "$ref": "#/components/schemas/Language" } }
              },
              "Language": {
                "type": "string",
                "enum": ["de", "en", "de-x-ls"],
                "description": "German, English or Leichte Sprache (German in easy-to-read rules)."
              },
              "Message": {
                "type": "object",
                "required": ["text"],
                "properties": { "text": { "type": "string", "minLength": 1, "maxLength": 1000 } }
              },
              "FeedbackRequest": {
                "type": "object",
                "required": ["helpful"],
                "properties": {
                  "helpful": { "type": "boolean", "description": "true: hilfreich; false: nicht hilfreich." },
                  "turn": { "type": "integer", "minimum": 1, "description": "The number of the citizen's message whose answer is rated; default the latest answer." }
                }
              },
              "Feedback": {
                "type": "object",
                "required": ["turn", "helpful"],
                "properties": {
                  "turn": { "type": "integer", "minimum": 1 },
                  "helpful": { "type": "boolean" },
                  "replies": { "type": "array", "items": { "type": "string" }, "description": "Only after the second „not helpful“ in a row: the offer of a human (a callback request), answered with „Ja“ or „Nein“ as a message." }
                }
              },
              "State": { "type": "string", "enum": ["idle", "form", "confirm", "submitted"] },
              "Turn": {
                "type": "object",
                "required": ["conversation", "replies", "state", "language"],
                "properties": {
                  "conversation": { "type": "string" },
                  "language": { "$ref": "#/components/schemas/Language", "description": "The language the replies are written in." },
                  "replies": { "type": "array", "items": { "type": "string" } },
                  "intent": { "type": "string", "description": "The recognised intent; absent when out of scope or inside a form." },
                  "state": { "$ref": "#/components/schemas/State" },
                  "form": { "type": "string", "description": "The form in progress." },
                  "expecting": {
                    "type": "object",
                    "description": "What the next message answers, while a form is open.",
                    "required": ["field", "type"],
                    "properties": {
                      "field": { "type": "string" },
                      "type": { "type": "string", "description": "The field's type; `document` asks for a file, sent with POST …/documents/{field}." },
                      "choices": { "type": ["array", "null"], "items": { "type": "string" } }
                    }
                  },
                  "reference": { "type": "string", "description": "The application's reference number, on the turn it was submitted." },
                  "rateable": { "type": "boolean", "description": "Present (true) when the turn answered a question that the citizen may rate with POST …/feedback." },
                  "suggestions": {
                    "type": "array",
                    "description": "Next questions offered with one click; sending `text` as a message chooses one.",
                    "items": {
                      "type": "object",
                      "required": ["label", "text"],
                      "properties": { "label": { "type": "string" }, "text": { "type": "string" } }
                    }
                  }
                }
              },
              "Transcript": {
                "type": "object",
                "required": ["id", "transcript"],
                "properties": {
                  "id": { "type": "string" },
                  "transcript": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["speaker", "text"],
                      "properties": { "speaker": { "type": "string", "enum": ["citizen", "assistant"] }, "text": { "type": "string" } }
                    }
                  }
                }
              },
              "ProcedureEventType": { "type": "string", "enum": ["received", "in_progress", "documents_requested", "approved", "rejected", "completed", "withdrawn"] },
              "RequestedDocument": {
                "type": "object",
                "required": ["id", "label"],
                "properties": { "id": { "type": "string", "pattern": "^[a-z0-9_-]{1,64}$" }, "label": { "type": "string", "minLength": 1, "maxLength": 200 } }
              },
              "ProcedureEventRequest": {
                "type": "object",
                "required": ["type"],
                "properties": {
                  "type": { "$ref": "#/components/schemas/ProcedureEventType" },
                  "note": { "type": "string", "maxLength": 2000, "description": "For the citizen, in German." },
                  "documents": { "type": "array", "maxItems": 20, "items": { "$ref": "#/components/schemas/RequestedDocument" }, "description": "Only with documents_requested, which needs at least one." },
                  "expected_by": { "type": "string", "format": "date" }
                }
              },
              "ProcedureEvent": {
                "type": "object",
                "required": ["reference", "type", "label", "documents", "received_at"],
                "properties": {
                  "reference": { "type": "string" },
                  "type": { "$ref": "#/components/schemas/ProcedureEventType" },
                  "label": { "type": "string", "description": "The step in German." },
                  "note": { "type": ["string", "null"] },
                  "documents": { "type": "array", "items": { "$ref": "#/components/schemas/RequestedDocument" } },
                  "expected_by": { "type": ["string", "null"], "format": "date" },
                  "received_at": { "type": "string", "format": "date-time" }
                }
              },
              "SentDocument": {
                "type": "object",
                "required": ["id", "requested_id", "label", "media_type", "size", "sha256"],
                "properties": {
                  "id": { "type": "string" },
                  "requested_id": { "type": "string" },
                  "label": { "type": "string" },
                  "media_type": { "type": "string", "enum": ["application/pdf", "image/jpeg", "image/png"] },
                  "size": { "type": "integer" },
                  "sha256": { "type": "string" }
                }
              },
              "Timeline": {
                "type": "object",
                "required": ["reference", "service", "department", "steps", "next", "days_so_far", "takes_longer_than_usual", "ended", "open_requests"],
                "properties": {
                  "reference": { "type": "string" },
                  "service": { "type": "string" },
                  "department": { "type": "string" },
                  "steps": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["date", "type", "label", "documents"],
                      "properties": {
                        "date": { "type": "string", "format": "date" },
                        "type": { "type": "string", "description": "submitted, delivered or a ProcedureEventType." },
                        "label": { "type": "string" },
                        "note": { "type": ["string", "null"] },
                        "documents": { "type": "array", "items": { "$ref": "#/components/schemas/RequestedDocument" } },
                        "expected_by": { "type": ["string", "null"], "format": "date" }
                      }
                    }
                  },
                  "next": { "type": "string", "description": "What comes next, in German." },
                  "usual_duration": { "type": ["string", "null"], "description": "The service's usual processing time, from its file." },
                  "days_so_far": { "type": "integer", "minimum": 0 },
                  "takes_longer_than_usual": { "type": "boolean" },
                  "ended": { "type": "boolean" },
                  "open_requests": { "type": "array", "description": "Documents the department asks for and has not received yet; send each with POST …/documents/{id}.", "items": { "$ref": "#/components/schemas/RequestedDocument" } }
                }
              },
              "RasaMessage": {
                "type": "object",
                "required": ["sender", "message"],
                "properties": { "sender": { "type": "string", "minLength": 1 }, "message": { "type": "string", "minLength": 1, "maxLength": 1000 } }
              },
              "RasaReply": {
                "type": "object",
                "required": ["recipient_id", "text"],
                "properties": { "recipient_id": { "type": "string" }, "text": { "type": "string" } }
              },
              "Status": {
                "type": "object",
                "required": ["status"],
                "properties": {
                  "status": { "type": "string", "description": "`ok`, `maintenance` (only /health) or `ready`." },
                  "message": { "type": "string", "description": "The text citizens get while the chat is switched off for maintenance." },
                  "intents": { "type": "integer" }
                }
              },
              "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                  "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": { "code": { "type": "string" }, "message": { "type": "string", "description": "A German sentence for the citizen." } }
                  }
                }
              }
            }
          }
        }
        """#
}
