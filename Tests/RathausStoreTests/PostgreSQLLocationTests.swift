import Foundation
import Testing

@testable import RathausStore

/// How a `postgres://` location is read, shown and turned into PostgreSQL's SQL.
@Suite("PostgreSQL locations and placeholders")
struct PostgreSQLLocationTests {
    @Test("a URL gives host, port, user, database; the password comes from the URL or else PGPASSWORD")
    func configuration() throws {
        let full = try #require(
            try PostgreSQLDatabase.configuration(url: "postgres://rathaus:geheim@db.intern:6543/stadt", environment: ["PGPASSWORD": "env"]))
        #expect(full.host == "db.intern" && full.port == 6543)
        #expect(full.username == "rathaus" && full.password == "geheim" && full.database == "stadt")
        let short = try #require(try PostgreSQLDatabase.configuration(url: "postgresql://rathaus@127.0.0.1/", environment: ["PGPASSWORD": "env"]))
        #expect(short.port == 5432 && short.password == "env" && short.database == "rathaus", "the user's database by default")
        #expect(try PostgreSQLDatabase.configuration(url: "/var/lib/rathaus/rathaus.sqlite") == nil, "a file")
        #expect(throws: (any Error).self) { try PostgreSQLDatabase.configuration(url: "postgres://db.intern/stadt") }
        #expect(throws: (any Error).self) { try PostgreSQLDatabase.configuration(url: "postgres://u@h/d?sslmode=verify-full") }
    }

    @Test("messages show a URL without its password")
    func shown() {
        #expect(ConversationStore.shownLocation("postgres://rathaus:geheim@db.intern/stadt") == "postgres://rathaus:***@db.intern/stadt")
        #expect(ConversationStore.shownLocation("postgres://rathaus@db.intern/stadt") == "postgres://rathaus@db.intern/stadt")
        #expect(ConversationStore.shownLocation("rathaus.sqlite") == "rathaus.sqlite")
    }

    @Test("? placeholders are numbered; a ? inside quotes stays")
    func placeholders() {
        #expect(
            PostgresSQLConnection.numberedPlaceholders("SELECT '?', \"a?\" FROM t WHERE a = ? AND b IN (?, ?)")
                == "SELECT '?', \"a?\" FROM t WHERE a = $1 AND b IN ($2, $3)")
        #expect(PostgresSQLConnection.numberedPlaceholders("SELECT 'it''s ?' WHERE x = ?") == "SELECT 'it''s ?' WHERE x = $1")
    }
}
