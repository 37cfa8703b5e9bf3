import Foundation
import RathausCatalog

/// Accuracy figures of a matcher on an ``EvaluationSet``.
public struct EvaluationReport: Sendable, Codable {
    /// Recall of one intent.
    public struct IntentRecall: Sendable, Codable, Hashable {
        /// The intent id.
        public let intent: String
        /// Lines labelled with it.
        public let total: Int
        /// Of those, recognised correctly.
        public let correct: Int
        /// `correct / total`.
        public let recall: Double
    }

    /// How often one label was taken for another.
    public struct Confusion: Sendable, Codable, Hashable {
        /// The label in the set (`null` written as "out_of_scope").
        public let expected: String
        /// What the matcher said.
        public let predicted: String
        /// How many lines.
        public let count: Int
    }

    /// Number of lines.
    public let total: Int
    /// Lines with an intent.
    public let inScopeTotal: Int
    /// Lines labelled out of scope.
    public let outOfScopeTotal: Int
    /// Share of in-scope lines whose intent was recognised exactly.
    public let inScopeAccuracy: Double
    /// Share of out-of-scope lines that were rejected.
    public let outOfScopeRecall: Double
    /// Share of rejections that were really out of scope.
    public let outOfScopePrecision: Double
    /// Share of in-scope lines that were wrongly rejected.
    public let falseRejectionRate: Double
    /// Recall per intent, worst first.
    public let perIntent: [IntentRecall]
    /// The most frequent confusions, most first.
    public let confusions: [Confusion]
    /// Lines longer than ``Utterance/maximumLength`` characters, of which only the beginning was analysed.
    public let shortenedTotal: Int
    /// Median time of one classification, in microseconds.
    public let latencyMedianMicroseconds: Double
    /// 99th percentile of the time of one classification, in microseconds.
    public let latencyP99Microseconds: Double
    /// The figures of each language, when the set's lines name languages (by tag).
    public var perLanguage: [String: EvaluationReport]? = nil
    /// How often the language detector named the language a line is labelled with.
    public var languageDetection: LanguageDetectionFigures? = nil
    /// What was predicted for each line (for comparisons line by line); nil unless asked for.
    public var predictions: [Prediction]? = nil

    /// The prediction for one line of the set.
    public struct Prediction: Sendable, Codable, Hashable {
        /// The line in the file.
        public let line: Int
        /// The label in the set (nil: out of scope).
        public let expected: String?
        /// What the matcher said (nil: out of scope).
        public let predicted: String?
    }

    /// How well languages were detected.
    public struct LanguageDetectionFigures: Sendable, Codable, Hashable {
        /// Lines with a language label.
        public let total: Int
        /// Of those, detected as labelled.
        public let correct: Int
        /// `correct / total`.
        public let accuracy: Double
        /// The lines detected wrongly, by line number, at most 20.
        public let wrongLines: [Int]

        enum CodingKeys: String, CodingKey {
            case total, correct, accuracy
            case wrongLines = "wrong_lines"
        }

        /// Creates the figures.
        public init(total: Int, correct: Int, wrongLines: [Int]) {
            self.total = total
            self.correct = correct
            self.accuracy = total == 0 ? 0 : Double(correct) / Double(total)
            self.wrongLines = Array(wrongLines.prefix(20))
        }
    }

    enum CodingKeys: String, CodingKey {
        case total
        case inScopeTotal = "in_scope_total"
        case outOfScopeTotal = "oos_total"
        case inScopeAccuracy = "in_scope_accuracy"
        case outOfScopeRecall = "oos_recall"
        case outOfScopePrecision = "oos_precision"
        case falseRejectionRate = "false_rejection_rate"
        case perIntent = "per_intent"
        case confusions
        case shortenedTotal = "shortened_total"
        case latencyMedianMicroseconds = "latency_p50_us"
        case latencyP99Microseconds = "latency_p99_us"
        case perLanguage = "languages"
        case languageDetection = "language_detection"
        case predictions
    }

    /// Runs `classify` on every line of `set`, timing each call, and computes the figures.
    public static func evaluate(_ set: EvaluationSet, classify: (String) -> String?) -> EvaluationReport {
        let clock = ContinuousClock()
        var durations: [Double] = []
        let outOfScope = "out_of_scope"
        var inScopeTotal = 0, inScopeCorrect = 0, falseRejections = 0
        var outOfScopeTotal = 0, outOfScopeRejected = 0, rejections = 0
        var perIntent: [String: (total: Int, correct: Int)] = [:]
        var confusions: [String: [String: Int]] = [:]
        var predictions: [Prediction] = []
        for example in set.examples {
            var predicted: String?
            let duration = clock.measure { predicted = classify(example.text) }
            durations.append(duration.microseconds)
            predictions.append(Prediction(line: example.line, expected: example.intent, predicted: predicted))
            if predicted == nil { rejections += 1 }
            if let expected = example.intent {
                inScopeTotal += 1
                perIntent[expected, default: (0, 0)].total += 1
                if predicted == expected {
                    inScopeCorrect += 1
                    perIntent[expected]!.correct += 1
                } else {
                    if predicted == nil { falseRejections += 1 }
                    confusions[expected, default: [:]][predicted ?? outOfScope, default: 0] += 1
                }
            } else {
                outOfScopeTotal += 1
                if let predicted {
                    confusions[outOfScope, default: [:]][predicted, default: 0] += 1
                } else {
                    outOfScopeRejected += 1
                }
            }
        }
        let recalls = perIntent.map { intent, counts in
            IntentRecall(
                intent: intent, total: counts.total, correct: counts.correct,
                recall: ratio(counts.correct, counts.total))
        }.sorted { ($0.recall, $0.intent) < ($1.recall, $1.intent) }
        let pairs = confusions.flatMap { expected, predictions in
            predictions.map { Confusion(expected: expected, predicted: $0.key, count: $0.value) }
        }.sorted { ($1.count, $0.expected, $0.predicted) < ($0.count, $1.expected, $1.predicted) }
        durations.sort()
        var report = EvaluationReport(
            total: set.examples.count,
            inScopeTotal: inScopeTotal,
            outOfScopeTotal: outOfScopeTotal,
            inScopeAccuracy: ratio(inScopeCorrect, inScopeTotal),
            outOfScopeRecall: ratio(outOfScopeRejected, outOfScopeTotal),
            outOfScopePrecision: ratio(outOfScopeRejected, rejections),
            falseRejectionRate: ratio(falseRejections, inScopeTotal),
            perIntent: recalls,
            confusions: Array(pairs.prefix(15)),
            shortenedTotal: set.examples.filter { $0.text.trimmed.count > Utterance.maximumLength }.count,
            latencyMedianMicroseconds: Percentile.of(0.50, sorted: durations),
            latencyP99Microseconds: Percentile.of(0.99, sorted: durations))
        report.predictions = predictions
        return report
    }

    /// Plain-text summary for staff.
    public var text: String {
        var lines = [
            "Zeilen: \(total) (\(inScopeTotal) mit Intent, \(outOfScopeTotal) außerhalb des Angebots)",
            "in_scope_accuracy:    \(Self.format(inScopeAccuracy))",
            "oos_recall:           \(Self.format(outOfScopeRecall))",
            "oos_precision:        \(Self.format(outOfScopePrecision))",
            "false_rejection_rate: \(Self.format(falseRejectionRate))",
            "gekürzte Zeilen:      \(shortenedTotal) (länger als \(Utterance.maximumLength) Zeichen; nur ihr Anfang wurde ausgewertet)",
            "Antwortzeit je Frage: Median \(String(format: "%.1f", latencyMedianMicroseconds)) µs, p99 \(String(format: "%.1f", latencyP99Microseconds)) µs",
        ]
        if let languageDetection {
            lines.append(
                "Sprache erkannt:      \(Self.format(languageDetection.accuracy)) (\(languageDetection.correct) von \(languageDetection.total))")
        }
        for (tag, report) in (perLanguage ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append(
                "[\(tag)] \(report.total) Zeilen: in_scope_accuracy \(Self.format(report.inScopeAccuracy)), "
                    + "oos_recall \(Self.format(report.outOfScopeRecall)), false_rejection_rate \(Self.format(report.falseRejectionRate))")
        }
        let weak = perIntent.filter { $0.recall < 1 }
        if !weak.isEmpty {
            lines.append("")
            lines.append("Intents mit Fehlern (Trefferquote):")
            lines += weak.map { "  \($0.intent): \($0.correct)/\($0.total)" }
        }
        if !confusions.isEmpty {
            lines.append("")
            lines.append("Häufigste Verwechslungen (erwartet -> erkannt):")
            lines += confusions.map { "  \($0.expected) -> \($0.predicted): \($0.count)" }
        }
        return lines.joined(separator: "\n")
    }

    private static func ratio(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
