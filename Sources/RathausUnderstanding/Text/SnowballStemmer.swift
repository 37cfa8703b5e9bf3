import CStemmer
import Synchronization

/// The Snowball German stemmer from libstemmer ("anmeldung" → "anmeld").
///
/// One instance owns one C stemmer handle and frees it on deinit. The C stemmer reuses an internal
/// buffer, so calls are serialised by a mutex; the matcher stems its vocabulary once at load time
/// and caches, so the lock is rarely taken while matching.
public final class SnowballStemmer: Sendable {
    /// Why a stemmer could not be created.
    public struct CreationError: Error, Sendable, CustomStringConvertible {
        /// The algorithm that was asked for.
        public let algorithm: String
        /// Explains the failure.
        public var description: String { "libstemmer has no algorithm '\(algorithm)' for UTF-8" }
    }

    private let handle: Mutex<OpaquePointer>

    /// Creates a stemmer for `algorithm` (a Snowball name such as "german").
    public init(algorithm: String = "german") throws(CreationError) {
        guard let pointer = sb_stemmer_new(algorithm, "UTF_8") else { throw CreationError(algorithm: algorithm) }
        handle = Mutex(pointer)
    }

    deinit {
        handle.withLock { sb_stemmer_delete($0) }
    }

    /// The stem of one lower-case word.
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        return handle.withLock { pointer -> String in
            let count = Int32(bytes.count)
            guard let result = sb_stemmer_stem(pointer, bytes, count) else {
                return word  // out of memory in the C library: the word itself is the safest stem
            }
            let length = Int(sb_stemmer_length(pointer))
            return String(decoding: (0..<length).map { result[$0] }, as: UTF8.self)
        }
    }
}
