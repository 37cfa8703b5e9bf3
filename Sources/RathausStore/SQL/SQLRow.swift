import Foundation
import GRDB

/// One row of a query's result, read by column name: `let reference: String = try row["reference"]`.
///
/// Reading a column the query did not select, or a value of another type, throws; NULL reads as
/// nil into an optional and throws into anything else.
struct SQLRow: Sendable {
    /// The row's values by column name (as the query names them, lower case).
    let values: [String: SQLValue]

    /// The value of column `name`, decoded as `Value`.
    subscript<Value: SQLColumnValue>(name: String) -> Value {
        get throws {
            guard let value = values[name] else { throw SQLFailure(description: "the query has no column \(name)") }
            do {
                return try Value.decode(value)
            } catch let failure as SQLFailure {
                throw SQLFailure(description: "column \(name): \(failure.description)")
            }
        }
    }
}

/// Why a statement or its result could not be used; never contains a value of a row.
struct SQLFailure: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    let description: String
}

/// A Swift type a column's value is read as.
protocol SQLColumnValue {
    /// The Swift value of `value`; throws when the value has another type.
    static func decode(_ value: SQLValue) throws -> Self
}

extension SQLColumnValue {
    static func mismatch(_ value: SQLValue) -> SQLFailure {
        let kind =
            switch value {
            case .null: "NULL"
            case .integer: "an integer"
            case .real: "a real number"
            case .text: "text"
            case .blob: "bytes"
            case .date: "a date"
            }
        return SQLFailure(description: "\(kind) cannot be read as \(Self.self)")
    }
}

extension String: SQLColumnValue {
    /// Text; a date as the UTC text the SQLite store writes (`2026-11-30 09:15:02.123`), so that
    /// a `timestamptz` of PostgreSQL reads as the same text.
    static func decode(_ value: SQLValue) throws -> String {
        switch value {
        case .text(let text): text
        case .date(let date): UTCTimestamp.text(for: date)
        default: throw mismatch(value)
        }
    }
}

extension Int64: SQLColumnValue {
    static func decode(_ value: SQLValue) throws -> Int64 {
        guard case .integer(let number) = value else { throw mismatch(value) }
        return number
    }
}

extension Int: SQLColumnValue {
    static func decode(_ value: SQLValue) throws -> Int {
        Int(try Int64.decode(value))
    }
}

extension Double: SQLColumnValue {
    static func decode(_ value: SQLValue) throws -> Double {
        switch value {
        case .real(let number): number
        case .integer(let number): Double(number)
        default: throw mismatch(value)
        }
    }
}

extension Bool: SQLColumnValue {
    /// An integer: 0 is false, anything else true.
    static func decode(_ value: SQLValue) throws -> Bool {
        try Int64.decode(value) != 0
    }
}

extension Date: SQLColumnValue {
    /// A date, or the text SQLite keeps dates as (parsed as GRDB does).
    static func decode(_ value: SQLValue) throws -> Date {
        switch value {
        case .date(let date): return date
        case .text(let text):
            guard let date = Date.fromDatabaseValue(text.databaseValue) else {
                throw SQLFailure(description: "text that is not a date cannot be read as Date")
            }
            return date
        default: throw mismatch(value)
        }
    }
}

extension Data: SQLColumnValue {
    static func decode(_ value: SQLValue) throws -> Data {
        guard case .blob(let bytes) = value else { throw mismatch(value) }
        return bytes
    }
}

extension Optional: SQLColumnValue where Wrapped: SQLColumnValue {
    static func decode(_ value: SQLValue) throws -> Wrapped? {
        if case .null = value { return nil }
        return try Wrapped.decode(value)
    }
}
