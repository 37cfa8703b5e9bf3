import Foundation
import GRDB
import RathausStore
import Testing

/// The hand-made timestamp text must be exactly what GRDB writes, or stored dates would not read back.
@Suite("Database timestamps")
struct DatabaseTimestampTests {
    @Test(
        "formats dates as GRDB does",
        arguments: [
            0, 1, 0.999, 59.5, 1_700_000_000.123_4, 1_795_996_800.999_9, 951_782_400.5, -1.25, -86_400 * 365.25 * 30,
        ])
    func sameAsGRDB(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let expected = try #require(String.fromDatabaseValue(date.databaseValue))
        #expect(UTCTimestamp.text(for: date) == expected)
        #expect(Date.fromDatabaseValue(UTCTimestamp.text(for: date).databaseValue) != nil)
    }

    @Test("the same moment in ISO 8601 for log lines")
    func iso() {
        #expect(UTCTimestamp.text(for: Date(timeIntervalSince1970: 1_795_996_800.5), separator: "T", suffix: "Z") == "2026-11-30T00:00:00.500Z")
    }
}
