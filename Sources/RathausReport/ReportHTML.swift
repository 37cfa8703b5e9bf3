import Foundation

/// Writes a ``Report`` as one self-contained HTML page: inline CSS and SVG charts, no script,
/// nothing loaded from elsewhere (its Content-Security-Policy forbids it), readable printed and
/// with a screen reader: every chart has a table with the same figures beside it.
public enum ReportHTML {
    /// The page for `report`.
    public static func page(_ report: Report) -> String {
        let period = "\(germanDay(report.since)) bis \(germanDay(report.until))"
        var body = """
            <header><h1>Was Bürgerinnen und Bürger gefragt haben</h1>
            <p class="lead">\(escape(report.town.isEmpty ? "" : report.town + " · "))\(escape(period))</p></header>
            <section class="privacy" aria-labelledby="datenschutz"><h2 id="datenschutz">Datenschutz</h2><p>\(escape(report.privacyNote))</p></section>

            """
        body += overview(report)
        body += days(report)
        body += answers(report)
        body += unanswered(report)
        body += feedback(report)
        body += forms(report)
        body += times(report)
        return """
            <!DOCTYPE html>
            <html lang="de">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Rathaus-Bericht \(escape(period))</title>
            <style>\(style)</style>
            </head>
            <body><main>
            \(body)</main></body>
            </html>

            """
    }

    // MARK: - Sections

    private static func overview(_ report: Report) -> String {
        let totals = report.totals
        let figures: [(String, String)] = [
            ("Gespräche", number(totals.conversations)), ("Nachrichten", number(totals.turns)), ("Fragen", number(totals.questions)),
            ("Nicht beantwortet", "\(number(totals.unanswered)) (\(percent(totals.unansweredShare)))"),
            ("„Meinten Sie …?“ gefragt", number(totals.clarifications)),
            ("Nach Rückfrage beantwortet", "\(number(totals.clarificationsResolved)) (\(percent(totals.answeredAfterClarificationShare)))"),
            ("Bewertet hilfreich", number(totals.helpful)), ("Bewertet nicht hilfreich", number(totals.notHelpful)),
        ]
        let list = figures.map { "<div><dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd></div>" }.joined()
        let atOnce = max(0, totals.questions - totals.unanswered - totals.clarifications)
        let parts: [(label: String, value: Int, style: String)] = [
            ("Sofort beantwortet", atOnce, ""), ("Nach Rückfrage beantwortet", totals.clarificationsResolved, "mid"),
            ("Rückfrage ohne Wahl", totals.clarifications - totals.clarificationsResolved, "light"),
            ("Nicht beantwortet", totals.unanswered, "warn"),
        ]
        let table = self.table(
            caption: "Fragen nach Ergebnis", headers: ["Ergebnis", "Fragen", "Anteil"],
            rows: parts.map { [$0.label, number($0.value), percent(totals.questions == 0 ? 0 : Double($0.value) / Double(totals.questions))] })
        return section(
            "ueberblick", "Überblick",
            "<dl class=\"figures\">\(list)</dl>"
                + figure(
                    "Wie Fragen beantwortet wurden",
                    chart: stackedBar(parts, title: "Anteile der Fragen: sofort beantwortet, nach Rückfrage, nicht beantwortet", id: "c-shares"),
                    table: table))
    }

    private static func days(_ report: Report) -> String {
        let table = self.table(
            caption: "Gespräche und Nachrichten je Tag", headers: ["Tag", "Gespräche", "Nachrichten"],
            rows: report.days.map { [germanDay($0.date), number($0.conversations), number($0.turns)] })
        return section(
            "tage", "Gespräche und Nachrichten je Tag",
            figure(
                "Gespräche und Nachrichten je Tag", chart: dayColumns(report.days, title: "Gespräche und Nachrichten je Tag", id: "c-days"),
                table: table))
    }

    private static func answers(_ report: Report) -> String {
        let top = report.services.prefix(15)
        let serviceTable = table(
            caption: "Antworten je Leistung", headers: ["Leistung oder Thema", "Zuständig", "Antworten"],
            rows: report.services.map { [$0.name, $0.department ?? "–", number($0.answers)] })
        let departmentTable = table(
            caption: "Antworten je Stelle", headers: ["Stelle", "Antworten"], rows: report.departments.map { [$0.name, number($0.answers)] })
        return section(
            "antworten", "Antworten je Leistung und Stelle",
            figure(
                "Antworten je Leistung (die häufigsten 15)",
                chart: horizontalBars(
                    top.map { Bar(label: $0.name, value: Double($0.answers), text: number($0.answers)) }, title: "Antworten je Leistung",
                    id: "c-services"), table: serviceTable)
                + figure(
                    "Antworten je Stelle",
                    chart: horizontalBars(
                        report.departments.map { Bar(label: $0.name, value: Double($0.answers), text: number($0.answers)) },
                        title: "Antworten je Stelle", id: "c-departments"), table: departmentTable))
    }

    private static func unanswered(_ report: Report) -> String {
        guard !report.unansweredGroups.isEmpty else {
            return section(
                "unbeantwortet", "Nicht beantwortete Fragen",
                "<p>Keine Gruppe nicht beantworteter Fragen, die mindestens \(Report.minimumConversationsPerGroup) Gespräche gestellt haben.</p>")
        }
        let rows = report.unansweredGroups.map { group in
            "<tr><td>\(escape(group.stems.joined(separator: ", ")))</td><td class=\"n\">\(number(group.questions))</td>"
                + "<td class=\"n\">\(number(group.conversations))</td><td><ul>"
                + group.examples.map { "<li>\(escape($0))</li>" }.joined() + "</ul></td></tr>"
        }
        return section(
            "unbeantwortet", "Nicht beantwortete Fragen",
            "<p>Gruppiert nach gemeinsamen Wortstämmen, die häufigsten zuerst; nur Gruppen aus mindestens "
                + "\(Report.minimumConversationsPerGroup) Gesprächen, Texte bereinigt.</p>"
                + "<table><caption>Nicht beantwortete Fragen nach Wortstamm</caption><thead><tr><th scope=\"col\">Wortstämme</th>"
                + "<th scope=\"col\">Fragen</th><th scope=\"col\">Gespräche</th><th scope=\"col\">Beispiele (bereinigt)</th></tr></thead><tbody>"
                + rows.joined() + "</tbody></table>")
    }

    private static func feedback(_ report: Report) -> String {
        let rated = report.services.filter { $0.helpful + $0.notHelpful > 0 }
        let tableHTML = table(
            caption: "Bewertungen je Leistung", headers: ["Leistung oder Thema", "Hilfreich", "Nicht hilfreich"],
            rows: rated.map { [$0.name, number($0.helpful), number($0.notHelpful)] }
                + (report.totals.unansweredNotHelpful > 0 ? [["Nicht beantwortete Fragen", "–", number(report.totals.unansweredNotHelpful)]] : []))
        let bars = rated.map { Bar(label: $0.name, value: Double($0.notHelpful), text: number($0.notHelpful)) }
        return section(
            "bewertungen", "Hilfreich oder nicht: Bewertungen je Leistung",
            rated.isEmpty && report.totals.unansweredNotHelpful == 0
                ? "<p>Im Zeitraum wurde keine Antwort bewertet.</p>"
                : figure(
                    "„Nicht hilfreich“ je Leistung",
                    chart: horizontalBars(bars, title: "Bewertungen „nicht hilfreich“ je Leistung", id: "c-feedback"),
                    table: tableHTML))
    }

    private static func forms(_ report: Report) -> String {
        guard !report.forms.isEmpty else { return section("antraege", "Online-Anträge", "<p>Im Zeitraum wurde kein Antrag begonnen.</p>") }
        var html = ""
        for (index, form) in report.forms.enumerated() {
            let steps = form.steps.filter { $0.reached > 0 || $0.left > 0 || $0.validationErrors > 0 }
            let rows =
                [["Begonnen", number(form.started), "–", "–"]]
                + steps.map { [$0.label, number($0.reached), number($0.left), number($0.validationErrors)] }
                + [["Abgeschickt", number(form.submitted), "–", "–"]]
            let bars =
                [Bar(label: "Begonnen", value: Double(form.started), text: number(form.started))]
                + steps.map { Bar(label: $0.label, value: Double($0.reached), text: number($0.reached)) }
                + [Bar(label: "Abgeschickt", value: Double(form.submitted), text: number(form.submitted))]
            let leftAt = form.mostLeftAt.flatMap { id in form.steps.first { $0.id == id } }
            let summary =
                "<p>\(number(form.started)) begonnen, \(number(form.confirmed)) bis zur Zusammenfassung, \(number(form.submitted)) abgeschickt."
                + (leftAt.map { " Die meisten brechen ab bei: <strong>\(escape($0.label))</strong> (\(number($0.left)))." } ?? "") + "</p>"
            html +=
                "<h3>\(escape(form.title))</h3>" + summary
                + figure(
                    "Verlauf: \(form.title)", chart: horizontalBars(bars, title: "Verlauf des Antrags \(form.title)", id: "c-form-\(index)"),
                    table: table(
                        caption: "Verlauf: \(form.title)", headers: ["Schritt", "Erreicht", "Hier abgebrochen", "Ungültige Angaben"], rows: rows))
        }
        return section("antraege", "Online-Anträge: wie weit Bürgerinnen und Bürger kommen", html)
    }

    private static func times(_ report: Report) -> String {
        guard !report.departmentTimes.isEmpty else {
            return section("dauer", "Dauer je Stelle", "<p>Im Zeitraum wurde kein Antrag zugestellt oder abgeschlossen.</p>")
        }
        let rows = report.departmentTimes.map { time in
            [
                time.name, number(time.delivered), time.deliveryMedianMinutes.map(minutes) ?? "–", time.deliveryP90Minutes.map(minutes) ?? "–",
                number(time.completed), time.procedureMedianDays.map(daysText) ?? "–", time.procedureP90Days.map(daysText) ?? "–",
            ]
        }
        let bars = report.departmentTimes.filter { $0.procedureMedianDays != nil }.map {
            Bar(label: $0.name, value: $0.procedureMedianDays!, text: daysText($0.procedureMedianDays!))
        }
        let tableHTML = table(
            caption: "Dauer je Stelle: Zustellung (Absenden bis Zustellung) und Bearbeitung (Zustellung bis Abschluss)",
            headers: ["Stelle", "Zugestellt", "Zustellung Median", "Zustellung 90 %", "Abgeschlossen", "Bearbeitung Median", "Bearbeitung 90 %"],
            rows: rows)
        return section(
            "dauer", "Dauer je Stelle",
            bars.isEmpty
                ? tableHTML
                : figure(
                    "Bearbeitungsdauer (Median) je Stelle", chart: horizontalBars(bars, title: "Bearbeitungsdauer je Stelle", id: "c-times"),
                    table: tableHTML, wide: true))
    }

    // MARK: - Pieces

    private static func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(escape(title))</h2>\(content)</section>\n"
    }

    /// A chart with its table beside it, under one caption; with `wide`, the table (of many
    /// columns) under the chart.
    private static func figure(_ caption: String, chart: String, table: String, wide: Bool = false) -> String {
        "<figure><figcaption>\(escape(caption))</figcaption><div class=\"pair\(wide ? " wide" : "")\"><div class=\"chart\">\(chart)</div>"
            + "<div class=\"data\">\(table)</div></div></figure>"
    }

    /// A table; the first column names the row, the others are numbers.
    static func table(caption: String, headers: [String], rows: [[String]]) -> String {
        let head = headers.map { "<th scope=\"col\">\(escape($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>"
                + row.enumerated().map {
                    $0.offset == 0 ? "<th scope=\"row\">\(escape($0.element))</th>" : "<td class=\"n\">\(escape($0.element))</td>"
                }
                .joined() + "</tr>"
        }.joined()
        return "<table><caption>\(escape(caption))</caption><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
    }

    /// Text for HTML: `&`, `<`, `>` and quotes escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `1.234` (German thousands).
    static func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "." }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `12,5 %`.
    static func percent(_ share: Double) -> String {
        decimal(share * 100) + " %"
    }

    /// One decimal with a comma.
    static func decimal(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }

    private static func minutes(_ value: Double) -> String { value < 120 ? decimal(value) + " min" : decimal(value / 60) + " h" }
    private static func daysText(_ value: Double) -> String { decimal(value) + " Tage" }

    /// `2026-11-30` as `30.11.2026`.
    static func germanDay(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2]).\(parts[1]).\(parts[0])" : iso
    }

    /// The page's style: plain, high contrast, tables and charts side by side on a wide screen,
    /// one under the other on paper and on a narrow screen.
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}
        main{max-width:72rem;margin:0 auto;padding:1.5rem}
        h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.35rem;margin:2rem 0 .75rem;border-bottom:2px solid #00557f;padding-bottom:.25rem}
        h3{font-size:1.1rem;margin:1.5rem 0 .5rem}.lead{margin:0;font-size:1.1rem}
        .privacy{border:2px solid #00557f;background:#eef3f6;padding:.25rem 1rem;margin:1.25rem 0}.privacy h2{border:0;margin-top:.5rem}
        .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem;margin:0 0 1rem}
        .figures div{border:1px solid #6b6b6b;padding:.5rem .75rem}.figures dt{font-size:.9rem}.figures dd{margin:0;font-size:1.3rem;font-weight:700}
        figure{margin:1rem 0 1.5rem;break-inside:avoid}figcaption{font-weight:700;margin-bottom:.5rem}
        .pair{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}.pair.wide{flex-direction:column;align-items:stretch}
        .pair.wide .chart{flex:none;width:100%;max-width:40rem}.pair.wide .data{flex:none}.chart{flex:1 1 28rem;min-width:18rem}.data{flex:1 1 22rem;overflow-x:auto}
        svg text{font-size:12px;fill:#1a1a1a}svg .bar{fill:#00557f}svg .bar.mid{fill:#4d8fb3}svg .bar.light{fill:#b3cfe0}svg .bar.warn{fill:#b34700}
        svg .axis{stroke:#6b6b6b}
        table{border-collapse:collapse;width:100%;font-size:.95rem}caption{text-align:left;font-size:.9rem;padding-bottom:.25rem}
        th,td{border-bottom:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
        thead th{border-bottom:2px solid #1a1a1a}ul{margin:0;padding-left:1.1rem}
        @media print{main{max-width:none;padding:0}.pair{display:block}.chart{max-width:16cm}h2{break-after:avoid}tr{break-inside:avoid}
        .privacy,svg .bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}
