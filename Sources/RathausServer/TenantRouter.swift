import Hummingbird

/// Chooses the town a request is for when one server serves several (`serve --tenants`): by the
/// host name it was sent to (`chat.musterstadt.example`), else by the path prefix `/t/{key}/`
/// (the town's Amtlicher Gemeindeschlüssel), which is taken off before the town's own routes see
/// the request. So a widget loaded from `/t/05315000/widget.js` talks to that town only, and a
/// conversation of one town does not exist for any other.
public struct TenantRouter<Responder: HTTPResponder>: HTTPResponder where Responder.Context == RathausRequestContext {
    /// The context of every request.
    public typealias Context = RathausRequestContext

    private let byKey: [String: Responder]
    private let byHost: [String: Responder]

    /// A router over `towns`: each town's key, its host names and the responder of its routes.
    public init(towns: [(key: String, hosts: [String], responder: Responder)]) {
        byKey = Dictionary(towns.map { ($0.key, $0.responder) }, uniquingKeysWith: { first, _ in first })
        byHost = Dictionary(towns.flatMap { town in town.hosts.map { ($0, town.responder) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Hands `request` to its town's routes; 404 when it names no town, and `/health` for the
    /// server as a whole.
    public func respond(to request: Request, context: Context) async throws -> Response {
        if let host = Self.hostName(of: request), let town = byHost[host] {
            return try await town.respond(to: request, context: context)
        }
        let path = request.uri.path
        if path.hasPrefix("/t/") {
            let rest = path.dropFirst(3)
            let key = String(rest.prefix { $0 != "/" })
            guard let town = byKey[key] else { return try APIError.unknownTown.response(from: request, context: context) }
            let inner = rest.dropFirst(key.count)
            // `/t/05315000` → `/t/05315000/`, so that the page's relative links stay in the town.
            guard !inner.isEmpty else { return Response(status: .permanentRedirect, headers: [.location: "/t/\(key)/"]) }
            var head = request.head
            head.path = String(inner) + (request.uri.query.map { "?" + $0 } ?? "")
            return try await town.respond(to: Request(head: head, body: request.body), context: context)
        }
        if path == "/health" { return Response.json(["status": "ok", "towns": .int(byKey.count)]) }
        return try APIError.unknownTown.response(from: request, context: context)
    }

    /// The host name the request was sent to, lower-cased and without its port.
    static func hostName(of request: Request) -> String? {
        // HTTP/1.1's Host header arrives as the authority.
        guard let authority = request.head.authority else { return nil }
        // `[::1]:8080` keeps its brackets; `chat.example:8080` loses the port.
        let name = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        return name.lowercased()
    }
}
