import ArgumentParser
import Foundation
import RathausCatalog
import RathausReport

/// `--since`, `--until` and `--today`, shared by the commands that look back over a period.
struct PeriodOptions: ParsableArguments {
    @Option(name: .long, help: "Erster Tag, z. B. 2026-11-01 (Standard: 30 Tage vor --until).") var since: String?
    @Option(name: .long, help: "Letzter Tag, z. B. 2026-11-30 (Standard: heute).") var until: String?
    @Option(name: .long, help: "Der Tag, der als heute gilt (für Tests und Wiederholungen), z. B. 2026-11-30.") var today: String?

    /// The period the options name, or a usage error naming the option.
    func resolved() throws -> ReportPeriod {
        func date(_ text: String?, option: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(iso: text) else { throw ValidationError("\(option) braucht ein Datum wie 2026-11-30.") }
            return date
        }
        let today = try date(self.today, option: "--today") ?? .today()
        guard let period = ReportPeriod.resolve(since: try date(since, option: "--since"), until: try date(until, option: "--until"), today: today)
        else { throw ValidationError("--since muss vor --until liegen.") }
        return period
    }
}
