import Foundation
import Synchronization

/// Whether the chat is off for maintenance, and the text citizens get meanwhile. Two switches turn
/// it on: `server.maintenance` in the config file and `rathaus maintenance on` (a row in the
/// database); ``MaintenanceWatcher`` keeps both up to date while the server runs. The database's
/// switch wins, as the later and more deliberate act; either one alone is enough.
///
/// While it is on, new conversations and new turns get 503 with the text; everything else (the
/// transcript, deletion, the status of applications, departments' steps, documents, delivery)
/// goes on, and nothing stored is touched.
public final class MaintenanceMode: Sendable {
    /// The text when neither switch gives one.
    public static let defaultMessage =
        "Der Chat wird gerade gewartet und ist bald wieder für Sie da. Bitte versuchen Sie es später noch einmal."

    private struct Switches: Equatable {
        var configured: ServerConfiguration.Maintenance?
        var switched: ServerConfiguration.Maintenance?
    }

    private let switches: Mutex<Switches>

    /// A mode with the config's switch `configured` and the database's switch `switched` (nil: off).
    public init(configured: ServerConfiguration.Maintenance? = nil, switched: ServerConfiguration.Maintenance? = nil) {
        switches = Mutex(Switches(configured: configured, switched: switched))
    }

    /// The text for citizens while maintenance is on; nil while it is off.
    public var message: String? {
        switches.withLock { switches in
            guard let on = switches.switched ?? switches.configured else { return nil }
            return on.message ?? switches.configured?.message ?? Self.defaultMessage
        }
    }

    /// Sets the config file's switch; true when that changed it.
    @discardableResult
    public func setConfigured(_ maintenance: ServerConfiguration.Maintenance?) -> Bool {
        switches.withLock { switches in
            defer { switches.configured = maintenance }
            return switches.configured != maintenance
        }
    }

    /// Sets the database's switch; true when that changed it.
    @discardableResult
    public func setSwitched(_ maintenance: ServerConfiguration.Maintenance?) -> Bool {
        switches.withLock { switches in
            defer { switches.switched = maintenance }
            return switches.switched != maintenance
        }
    }
}
