/// The report's charts: inline SVG drawn from the same figures as the table beside each, with a
/// title for screen readers (`role="img"`); the table is the accessible and printable form.
extension ReportHTML {
    /// One bar of a chart.
    struct Bar {
        let label: String
        let value: Double
        /// The value as written at the end of the bar.
        let text: String
    }

    /// Width of every chart in SVG units (it scales to the page).
    static let chartWidth = 640.0

    /// A horizontal bar chart: one row per bar, the label left, the value after the bar.
    static func horizontalBars(_ bars: [Bar], title: String, id: String) -> String {
        let rowHeight = 26.0, labelWidth = 230.0, valueWidth = 70.0
        let height = max(rowHeight, Double(bars.count) * rowHeight) + 8
        let largest = max(bars.map(\.value).max() ?? 0, 1)
        let span = chartWidth - labelWidth - valueWidth
        var svg = svgStart(width: chartWidth, height: height, title: title, id: id)
        for (index, bar) in bars.enumerated() {
            let y = 4 + Double(index) * rowHeight
            let width = max(bar.value > 0 ? 2 : 0, bar.value / largest * span)
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(format(y + 17))\" text-anchor=\"end\">\(escape(shortened(bar.label, to: 34)))</text>"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(format(y + 4))\" width=\"\(format(width))\" height=\"\(rowHeight - 8)\"/>"
            svg += "<text x=\"\(format(labelWidth + width + 6))\" y=\"\(format(y + 17))\">\(escape(bar.text))</text>"
        }
        return svg + "</svg>"
    }

    /// A column chart over the days: turns as columns, conversations as narrower darker columns in front.
    static func dayColumns(_ days: [Report.Day], title: String, id: String) -> String {
        let height = 244.0, bottom = 190.0, left = 60.0
        let largest = Double(max(days.map(\.turns).max() ?? 0, 1))
        let step = (chartWidth - left - 8) / Double(max(days.count, 1))
        var svg = svgStart(width: chartWidth, height: height, title: title, id: id)
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(chartWidth - 4)\" y2=\"\(bottom)\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"16\" text-anchor=\"end\">\(number(Int(largest)))</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(bottom)\" text-anchor=\"end\">0</text>"
        for (index, day) in days.enumerated() {
            let x = left + Double(index) * step
            let turns = Double(day.turns) / largest * (bottom - 10), conversations = Double(day.conversations) / largest * (bottom - 10)
            svg +=
                "<rect class=\"bar light\" x=\"\(format(x + 1))\" y=\"\(format(bottom - turns))\" width=\"\(format(max(step - 2, 1)))\" height=\"\(format(turns))\"/>"
            svg +=
                "<rect class=\"bar\" x=\"\(format(x + step * 0.25))\" y=\"\(format(bottom - conversations))\" width=\"\(format(max(step * 0.5, 1)))\" height=\"\(format(conversations))\"/>"
            // The first and the last day, and every seventh between, far enough from the last.
            if index == 0 || index == days.count - 1 || (index % 7 == 0 && index < days.count - 4) {
                let anchor = index == 0 ? "start" : index == days.count - 1 ? "end" : "middle"
                let labelX = index == 0 ? x : index == days.count - 1 ? x + step : x + step / 2
                svg += "<text x=\"\(format(labelX))\" y=\"\(bottom + 16)\" text-anchor=\"\(anchor)\">\(escape(germanDay(day.date)))</text>"
            }
        }
        svg +=
            "<rect class=\"bar light\" x=\"\(left + 4)\" y=\"\(height - 12)\" width=\"10\" height=\"10\"/><text x=\"\(left + 18)\" y=\"\(height - 3)\">Nachrichten</text>"
        svg +=
            "<rect class=\"bar\" x=\"\(left + 110)\" y=\"\(height - 12)\" width=\"10\" height=\"10\"/><text x=\"\(left + 124)\" y=\"\(height - 3)\">Gespräche</text>"
        return svg + "</svg>"
    }

    /// One bar split into parts (shares of a whole), with a legend under it.
    static func stackedBar(_ parts: [(label: String, value: Int, style: String)], title: String, id: String) -> String {
        let total = Double(max(parts.map(\.value).reduce(0, +), 1))
        var svg = svgStart(width: chartWidth, height: 40 + Double(parts.count) * 18, title: title, id: id)
        var x = 0.0
        for part in parts {
            let width = Double(part.value) / total * chartWidth
            svg += "<rect class=\"bar \(part.style)\" x=\"\(format(x))\" y=\"4\" width=\"\(format(width))\" height=\"28\"/>"
            x += width
        }
        for (index, part) in parts.enumerated() {
            let y = 42 + Double(index) * 18
            svg += "<rect class=\"bar \(part.style)\" x=\"0\" y=\"\(format(y))\" width=\"12\" height=\"12\"/>"
            let text = "\(part.label): \(percent(Double(part.value) / total))"
            svg += "<text x=\"18\" y=\"\(format(y + 11))\">\(escape(text))</text>"
        }
        return svg + "</svg>"
    }

    /// The opening tag of an SVG chart with its title for screen readers.
    private static func svgStart(width: Double, height: Double, title: String, id: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 \(format(width)) \(format(height))\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"\(id)\">\(escape(title))</title>"
    }

    /// `text` cut to `count` characters with „…“.
    private static func shortened(_ text: String, to count: Int) -> String {
        text.count > count ? String(text.prefix(count - 1)) + "…" : text
    }

    /// A number for SVG: at most one decimal, a point.
    private static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
