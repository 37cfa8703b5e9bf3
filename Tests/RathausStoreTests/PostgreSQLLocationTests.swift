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
        #expect(throws: (any Error).self) { try PostgreSQLDatabase.configuration(url: "postgres://u@h/d?sslmod=require") }
    }

    @Test("a host that is a folder means the server's Unix socket in it, on the URL's port")
    func unixSocket() throws {
        let local = try #require(
            try PostgreSQLDatabase.configuration(url: "postgres://rathaus:geheim@/stadt?host=/var/run/postgresql", environment: [:]))
        #expect(local.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5432" && local.host == nil)
        #expect(local.username == "rathaus" && local.password == "geheim" && local.database == "stadt")
        let port = try #require(try PostgreSQLDatabase.configuration(url: "postgres://rathaus@:6543/stadt?host=/tmp/pg", environment: [:]))
        #expect(port.unixSocketPath == "/tmp/pg/.s.PGSQL.6543")
        let named = try #require(try PostgreSQLDatabase.configuration(url: "postgres://rathaus@/stadt?host=db.intern", environment: [:]))
        #expect(named.host == "db.intern" && named.unixSocketPath == nil, "a host parameter that is no path is a host name")
        #expect(throws: (any Error).self) { try PostgreSQLDatabase.configuration(url: "postgres://rathaus@/stadt") }
        #expect(
            ConversationStore.shownLocation("postgres://rathaus:geheim@/stadt?host=/var/run/postgresql")
                == "postgres://rathaus:***@/stadt?host=/var/run/postgresql")
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
