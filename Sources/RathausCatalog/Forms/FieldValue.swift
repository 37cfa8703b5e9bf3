import Foundation

/// A validated value of a form field, typed.
public enum FieldValue: Sendable, Hashable, Codable {
    case text(String)
    case date(CalendarDate)
    case time(TimeOfDay)
    case number(Double)
    case bool(Bool)
    case choice(String)
    /// A file the citizen sent; the content stays in the store.
    case document(AttachedDocument)

    /// The form in which conditions compare values and the payload stores them: text as is, dates
    /// "2027-04-03", times "14:30", numbers without trailing zeros, "true"/"false", the option id,
    /// a document's id.
    public var canonical: String {
        switch self {
        case .text(let text): text
        case .date(let date): date.description
        case .time(let time): time.description
        case .number(let number): Self.plain(number)
        case .bool(let flag): flag ? "true" : "false"
        case .choice(let id): id
        case .document(let document): document.id
        }
    }

    /// How the value is shown to the citizen for `kind`: German dates, "Ja"/"Nein", option labels,
    /// IBANs in groups of four with all but the last four digits masked, documents by type and size.
    public func display(for kind: FieldKind, texts: DialogTexts = .german) -> String {
        switch (self, kind) {
        case (.date(let date), _): return texts.date(date)
        case (.time(let time), _): return texts(.timeOfDay, ["time": "\(time)"])
        case (.bool(let flag), _): return texts(flag ? .yesWord : .noWord)
        case (.number(let number), .number(_, _, _, let unit)):
            let shown = texts.language == .english ? Self.plain(number) : Self.plain(number).replacingOccurrences(of: ".", with: ",")
            return unit.map { "\(shown) \($0)" } ?? shown
        case (.choice(let id), .choice(let options)): return options.first { $0.id == id }?.label ?? id
        case (.text(let iban), .iban): return IBAN.masked(iban)
        case (.document(let document), _): return document.summary
        default: return canonical
        }
    }

    /// `number` without a fractional part when it has none.
    public static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
