import Foundation

/// One value of a statement's argument or of a row's column, as both backends know it.
///
/// Dates are their own case: SQLite keeps them as UTC text (`2026-11-30 09:15:02.123`, as GRDB
/// writes them), PostgreSQL as `timestamptz`. Booleans are integers 0 and 1 in both.
enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A whole number.
    case integer(Int64)
    /// A floating-point number.
    case real(Double)
    /// Text.
    case text(String)
    /// Bytes.
    case blob(Data)
    /// A moment.
    case date(Date)
}

/// A Swift value that can be bound to a statement's `?`.
protocol SQLArgument {
    /// The value bound.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLArgument {
    var sqlValue: SQLValue { self }
}

extension String: SQLArgument {
    var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLArgument {
    var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLArgument {
    var sqlValue: SQLValue { .integer(self) }
}

extension Double: SQLArgument {
    var sqlValue: SQLValue { .real(self) }
}

extension Bool: SQLArgument {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Date: SQLArgument {
    var sqlValue: SQLValue { .date(self) }
}

extension Data: SQLArgument {
    var sqlValue: SQLValue { .blob(self) }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
