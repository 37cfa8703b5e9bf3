import Foundation
import HTTPTypes

@testable import RathausServer

/// Reads the served OpenAPI document for the tests: which statuses an operation lists, and which
/// operations there are.
enum OpenAPIContract {
    static var document: [String: Any] { try! JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as! [String: Any] }
    static var paths: [String: [String: Any]] { document["paths"] as! [String: [String: Any]] }

    /// Every documented operation as "METHOD /path/{param}".
    static var operations: Set<String> {
        Set(
            paths.flatMap { path, item in
                item.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
            })
    }

    /// The statuses documented for the operation `uri` (with real ids) falls under; nil when no
    /// documented path matches (pages, unknown routes).
    static func statuses(method: HTTPRequest.Method, uri: String) throws -> Set<Int>? {
        let path = String(uri.split(separator: "?").first ?? "")
        for (template, item) in paths where matches(template, path) {
            guard let operation = item[method.rawValue.lowercased()] as? [String: Any] else { return [404, 405] }
            let responses = operation["responses"] as? [String: Any] ?? [:]
            return Set(responses.keys.compactMap(Int.init))
        }
        return nil
    }

    static func matches(_ template: String, _ path: String) -> Bool {
        let a = template.split(separator: "/"), b = path.split(separator: "/")
        return a.count == b.count && zip(a, b).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }
}
