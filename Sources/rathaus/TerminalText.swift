#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fits plain-text replies to a terminal: wraps at spaces and keeps list items under their bullet.
///
/// Every `Character` counts as one column; wide characters such as emoji are rare in replies and
/// may make a line a little longer than the terminal.
struct TerminalText {
    /// Below this width wrapping does more harm than good, so the text stays as it is.
    static let minimumWidth = 20

    /// Wraps every line of `text` at spaces so that no line is longer than `width` columns.
    ///
    /// - Lines that start with "• ", "- " or a number such as "12. " continue indented to the text
    ///   after the marker; leading spaces of a line are kept and count towards that indentation.
    /// - `prefix` (e.g. "Rathaus: ") is put before the first line and counts towards its width;
    ///   the continuation lines are deliberately not indented by the prefix, which keeps the text
    ///   simple and leaves more room on narrow terminals.
    /// - A word longer than the available width (e.g. a URL) is never broken; it stays whole on its
    ///   own line, which the terminal may then wrap itself.
    /// - Empty lines are kept. With a `width` below ``minimumWidth`` the text is returned unchanged
    ///   after the prefix.
    static func wrap(_ text: String, width: Int, prefix: String = "") -> String {
        guard width >= minimumWidth else { return prefix + text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        for (index, line) in lines.enumerated() {
            let firstBudget = index == 0 ? max(width - prefix.count, 1) : width
            var wrapped = wrapLine(Array(line), width: width, firstBudget: firstBudget)
            if index == 0 { wrapped[0] = prefix + wrapped[0] }
            output.append(contentsOf: wrapped)
        }
        return output.joined(separator: "\n")
    }

    /// The width in columns of standard output when it is a terminal, otherwise nil.
    ///
    /// Asks the terminal itself and falls back to the `COLUMNS` environment variable; nil also
    /// when a terminal does not tell its width.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = getenv("COLUMNS").map({ String(cString: $0) }), let width = Int(columns), width > 0 {
            return width
        }
        return nil
    }

    /// One line of the reply (without "\n") as wrapped lines; the first may use `firstBudget` columns.
    private static func wrapLine(_ line: [Character], width: Int, firstBudget: Int) -> [String] {
        guard line.count > firstBudget else { return [String(line)] }
        let markerEnd = markerLength(of: line)
        // Very deep indentation would leave no room for text; it is then cut back to half the width.
        let hanging = String(repeating: " ", count: min(markerEnd, width / 2))
        var result: [String] = []
        var start = 0
        while start < line.count {
            let isFirst = result.isEmpty
            let budget = isFirst ? firstBudget : width - hanging.count
            // The indentation and the marker of the first segment are never a place to break.
            let earliest = isFirst ? markerEnd : start
            guard line.count - start > budget, let end = breakIndex(in: line, from: start, earliest: earliest, budget: budget)
            else {
                result.append((isFirst ? "" : hanging) + String(line[start...]))
                break
            }
            var trimmedEnd = end
            while trimmedEnd > start, line[trimmedEnd - 1] == " " { trimmedEnd -= 1 }
            result.append((isFirst ? "" : hanging) + String(line[start..<trimmedEnd]))
            start = end
            while start < line.count, line[start] == " " { start += 1 }
        }
        return result.isEmpty ? [""] : result
    }

    /// The space at which the segment starting at `start` ends: the last one that keeps the segment
    /// within `budget`, or else the first one after an overlong word; nil when there is none.
    private static func breakIndex(in line: [Character], from start: Int, earliest: Int, budget: Int) -> Int? {
        let limit = min(start + budget, line.count - 1)
        var index = limit
        while index > earliest {
            if line[index] == " " && line[index - 1] != " " { return index }
            index -= 1
        }
        // No space within the budget: the word is longer than the line, so it stays whole.
        index = max(limit + 1, earliest + 1)
        while index < line.count {
            if line[index] == " " { return index }
            index += 1
        }
        return nil
    }

    /// How far continuation lines are indented: leading spaces plus a bullet ("• ", "- ") or a
    /// number ("1. ", "12) ") with its space.
    private static func markerLength(of line: [Character]) -> Int {
        var index = 0
        while index < line.count, line[index] == " " { index += 1 }
        let indentation = index
        if index + 1 < line.count, line[index] == "•" || line[index] == "-", line[index + 1] == " " {
            return index + 2
        }
        while index < line.count, line[index].isASCII, line[index].isNumber { index += 1 }
        if index > indentation, index + 1 < line.count, line[index] == "." || line[index] == ")", line[index + 1] == " " {
            return index + 2
        }
        return indentation
    }
}
