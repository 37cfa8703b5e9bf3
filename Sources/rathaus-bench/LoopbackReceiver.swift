import Dispatch
import Foundation
import Hummingbird
import Synchronization

/// A Hummingbird server on 127.0.0.1 that answers every POST with 200 and `{}` and counts the
/// requests: the far end of the delivery benchmark, fast enough not to be what is measured.
final class LoopbackReceiver: Sendable {
    /// Why the receiver could not start.
    struct NotStarted: Error {}

    /// The port it listens on.
    let port: Int
    private let counter: SharedNumber

    /// A number shared by the server's threads and the benchmark.
    private final class SharedNumber: Sendable {
        /// The number.
        let value = Mutex(0)
    }

    /// Starts listening on a free port; returns once the server accepts connections.
    init() throws {
        let counter = SharedNumber()
        let boundPort = SharedNumber()
        let started = DispatchSemaphore(value: 0)
        let router = Router()
        router.post("**") { _, _ -> Response in
            counter.value.withLock { $0 += 1 }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                boundPort.value.withLock { $0 = channel.localAddress?.port ?? 0 }
                started.signal()
            })
        Task.detached { try? await app.runService() }
        guard started.wait(timeout: .now() + 10) == .success else { throw NotStarted() }
        port = boundPort.value.withLock { $0 }
        self.counter = counter
    }

    /// Requests answered so far.
    var requests: Int { counter.value.withLock { $0 } }
}
