import Testing

@testable import rathaus

/// Wrapping of replies for the terminal: at words, within the width, lists indented under their marker.
@Suite struct TerminalTextTests {
    /// The words of `text`, ignoring how it is broken into lines.
    private func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    }

    @Test func longSentenceStaysWithinWidthAndKeepsEveryWord() {
        let sentence =
            "Für die Anmeldung Ihres Wohnsitzes benötigen Sie einen gültigen Personalausweis oder Reisepass "
            + "sowie die Wohnungsgeberbestätigung Ihres Vermieters, die Sie spätestens zwei Wochen nach dem Einzug vorlegen."
        let wrapped = TerminalText.wrap(sentence, width: 40)
        let lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 1)
        for line in lines {
            #expect(line.count <= 40, "zu lang: \(line)")
            #expect(!line.hasPrefix(" ") && !line.hasSuffix(" "))
        }
        #expect(words(wrapped) == words(sentence))
    }

    @Test func bulletContinuesIndentedUnderItsText() {
        let text = "Sie brauchen:\n• einen gültigen Personalausweis oder Reisepass und die Wohnungsgeberbestätigung\n• Gebühr"
        let wrapped = TerminalText.wrap(text, width: 40)
        #expect(
            wrapped == """
                Sie brauchen:
                • einen gültigen Personalausweis oder
                  Reisepass und die
                  Wohnungsgeberbestätigung
                • Gebühr
                """)
    }

    @Test func indentedBulletKeepsItsLeadingSpaces() {
        let wrapped = TerminalText.wrap("  • Montag bis Freitag von acht bis zwölf Uhr geöffnet", width: 30)
        #expect(wrapped == "  • Montag bis Freitag von\n    acht bis zwölf Uhr\n    geöffnet")
    }

    @Test func numberedItemContinuesIndentedUnderItsText() {
        let wrapped = TerminalText.wrap("1. Füllen Sie das Formular aus und unterschreiben Sie es.", width: 30)
        #expect(wrapped == "1. Füllen Sie das Formular aus\n   und unterschreiben Sie es.")
        let twoDigits = TerminalText.wrap("12. Füllen Sie das Formular aus und unterschreiben Sie es.", width: 30)
        #expect(twoDigits == "12. Füllen Sie das Formular\n    aus und unterschreiben Sie\n    es.")
    }

    @Test func urlLongerThanTheWidthStaysWhole() {
        let url = "https://www.musterstadt.de/buergerservice/dienstleistungen/wohnsitz-anmelden"
        let wrapped = TerminalText.wrap("Mehr dazu finden Sie unter \(url) im Internet.", width: 30)
        #expect(wrapped == "Mehr dazu finden Sie unter\n\(url)\nim Internet.")
        let bullet = TerminalText.wrap("• Formular: \(url)", width: 30)
        #expect(bullet == "• Formular:\n  \(url)")
    }

    @Test func prefixedReplyAt120ColumnsKeepsIhresWhole() {
        let prefix = "Rathaus: "
        let reply =
            "Zur Anmeldung vereinbaren Sie einen Termin im Bürgerbüro und bringen Sie bitte die Wohnungsgeberbestätigung "
            + "Ihres Vermieters sowie Ihren gültigen Personalausweis oder Reisepass mit. Die Anmeldung ist gebührenfrei und muss "
            + "innerhalb von zwei Wochen nach dem Einzug erfolgen. Termine gibt es montags bis freitags von 8 bis 12 Uhr."
        #expect(reply.count > 280)
        // The terminal itself would cut "Ihres" after column 120.
        let unwrapped = Array(prefix + reply)
        #expect(String(unwrapped[117..<120]) == "Ihr")
        let wrapped = TerminalText.wrap(reply, width: 120, prefix: prefix)
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count <= 120 })
        #expect(lines[0].hasPrefix(prefix))
        #expect(lines[1].hasPrefix("Ihres Vermieters"))
        #expect(words(wrapped) == words(prefix + reply))
    }

    @Test func emptyLinesArePreserved() {
        let text = "Erste Antwort mit einigen Wörtern, die umbrechen.\n\nZweite Antwort.\n"
        let wrapped = TerminalText.wrap(text, width: 25, prefix: "Rathaus: ")
        #expect(wrapped == "Rathaus: Erste Antwort\nmit einigen Wörtern, die\numbrechen.\n\nZweite Antwort.\n")
    }

    @Test func widthBelowTwentyLeavesTheTextUnchanged() {
        let text = "Eine Antwort, die auf einem schmalen Terminal nicht umbrochen wird.\n• Punkt"
        #expect(TerminalText.wrap(text, width: 19) == text)
        #expect(TerminalText.wrap(text, width: 0, prefix: "Rathaus: ") == "Rathaus: " + text)
    }

    @Test func shortLinesStayExactlyAsTheyAre() {
        let text = "Öffnungszeiten:\n  Mo–Fr  8–12 Uhr\n• Termin nötig "
        #expect(TerminalText.wrap(text, width: 80) == text)
    }
}
