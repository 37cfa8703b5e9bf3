import Hummingbird
import NIOCore

/// The request context of the server: Hummingbird's core context plus the peer's address, which
/// the rate limit keys its buckets on.
public struct RathausRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The address of the connection's peer, when the channel has one (router tests have none).
    public let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies above ``ChatAPI/maximumBodySize`` are refused when decoded.
    public var maxUploadSize: Int { ChatAPI.maximumBodySize }
}
