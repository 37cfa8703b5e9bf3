import Foundation
import Hummingbird

/// The widget and the demo page: every file directly in the `Web/` folder, read once at start and
/// served from memory at `/NAME`, with `index.html` also at `/`. Nothing outside that folder and
/// no subfolder is reachable.
public struct StaticFiles: Sendable {
    /// One file: its bytes and media type.
    struct File: Sendable {
        let body: ByteBuffer
        let contentType: String
    }

    static let mediaTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "txt": "text/plain; charset=utf-8",
    ]

    let files: [String: File]

    /// The files of `directory` with a known media type (none when the folder does not exist).
    public init(directory: URL) {
        var files: [String: File] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let url = directory.appendingPathComponent(name)
            guard let type = Self.mediaTypes[url.pathExtension.lowercased()], let data = try? Data(contentsOf: url) else { continue }
            files[name] = File(body: ByteBuffer(bytes: data), contentType: type)
        }
        self.files = files
    }

    /// The names served, sorted.
    public var names: [String] { files.keys.sorted() }

    /// Adds a GET route per file to `router`.
    func register<Context: RequestContext>(on router: Router<Context>) {
        for (name, file) in files {
            let respond: @Sendable (Request, Context) async throws -> Response = { _, _ in
                var response = Response.content(file.body, type: file.contentType)
                response.headers[.cacheControl] = "no-cache"
                return response
            }
            router.get(RouterPath(name), use: respond)
            if name == "index.html" { router.get("/", use: respond) }
        }
    }
}
