import Hummingbird

/// Answers `405 Method Not Allowed` with an `Allow` header, instead of the router's 404, when a
/// request's path is one of the router's routes but its method is not.
///
/// Hummingbird's router answers both an unknown path and an unknown method on a known path with
/// 404, and has no public way to ask which methods a path has. This middleware therefore keeps the
/// table the router lists in `routes`, taken once every route is registered, and is added after
/// them, so that it wraps only the router's not-found responder:
///
/// ```swift
/// router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes, options: .autoGenerateHeadEndpoints))
/// ```
///
/// Any path the table does not hold keeps its 404.
public struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// One route pattern with the methods it answers.
    struct Route: Sendable {
        let path: RouterPath
        var methods: Set<HTTPRequest.Method>
    }

    /// The routes, one entry per path pattern.
    let routes: [Route]

    /// A middleware for the router's `routes`; with `.autoGenerateHeadEndpoints` in `options`,
    /// every path answering GET answers HEAD too, as the router makes it do when it is built.
    public init(routes: [Router<Context>.RouteDescription], options: RouterOptions = []) {
        var table: [Route] = []
        for route in routes {
            if let index = table.firstIndex(where: { $0.path == route.path }) {
                table[index].methods.insert(route.method)
            } else {
                table.append(Route(path: route.path, methods: [route.method]))
            }
        }
        if options.contains(.autoGenerateHeadEndpoints) {
            for index in table.indices where table[index].methods.contains(.get) {
                table[index].methods.insert(.head)
            }
        }
        self.routes = table
    }

    /// Runs the request; a 404 for a known path and a method it does not answer becomes 405.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError where error.status == .notFound {
            let allowed = allowedMethods(forPath: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            var response = try APIError(
                status: .methodNotAllowed, code: "method_not_allowed",
                message: "Diese Methode ist hier nicht erlaubt."
            ).response(from: request, context: context)
            response.headers[.allow] = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            return response
        }
    }

    /// The methods the routes answer for `path`; empty when no route matches it.
    func allowedMethods(forPath path: String) -> Set<HTTPRequest.Method> {
        let components = path.split(separator: "/")
        return routes.filter { Self.matches($0.path, components) }.reduce(into: []) { $0.formUnion($1.methods) }
    }

    /// Whether `pattern` matches the path made of `components`, element by element (a `**` at the
    /// end matches the rest).
    static func matches(_ pattern: RouterPath, _ components: [Substring]) -> Bool {
        var remaining = components[...]
        for element in pattern.components {
            if element == .recursiveWildcard { return true }
            guard let component = remaining.popFirst(), element ~= component else { return false }
        }
        return remaining.isEmpty
    }
}
