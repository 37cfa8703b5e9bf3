import Foundation
import RathausTestSupport
import Testing

@testable import RathausCatalog
@testable import RathausUnderstanding

@Suite("Evaluation")
struct EvaluationTests {
    @Test("figures follow from predictions")
    func figures() throws {
        let set = try EvaluationSet(
            jsonLines: """
                {"text": "a", "intent": "x"}
                {"text": "b", "intent": "x"}
                {"text": "c", "intent": "y"}
                {"text": "d", "intent": null}

                {"text": "e", "intent": null}
                """, file: "t.jsonl")
        let predictions: [String: String?] = ["a": "x", "b": nil, "c": "x", "d": nil, "e": "y"]
        let report = EvaluationReport.evaluate(set) { predictions[$0] ?? nil }
        #expect(report.total == 5)
        #expect(report.inScopeAccuracy == 1.0 / 3.0)
        #expect(report.outOfScopeRecall == 0.5)
        #expect(report.outOfScopePrecision == 0.5)
        #expect(report.falseRejectionRate == 1.0 / 3.0)
        #expect(report.perIntent.first { $0.intent == "y" }?.recall == 0)
        #expect(report.confusions.contains(EvaluationReport.Confusion(expected: "y", predicted: "x", count: 1)))
        #expect(report.confusions.contains(EvaluationReport.Confusion(expected: "out_of_scope", predicted: "y", count: 1)))
    }

    @Test(
        "a bad line is named with its number",
        arguments: [
            ("{\"text\": \"a\", \"intent\": \"x\"}\nnot json", 2),
            ("{\"intent\": \"x\"}", 1),
            ("{\"text\": \"a\", \"intent\": 5}", 1),
        ])
    func badLine(_ case: (String, Int)) {
        #expect {
            _ = try EvaluationSet(jsonLines: `case`.0, file: "t.jsonl")
        } throws: { error in
            (error as? EvaluationSet.LineError)?.line == `case`.1
        }
    }

    @Test("the JSON report has the contract's keys")
    func jsonKeys() throws {
        let set = EvaluationSet(examples: [.init(text: "a", intent: "x", line: 1)])
        let data = try JSONEncoder().encode(EvaluationReport.evaluate(set) { _ in "x" })
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["in_scope_accuracy", "oos_recall", "oos_precision", "false_rejection_rate", "total"] {
            #expect(object[key] != nil, "\(key)")
        }
    }

    @Test("the project's evaluation set has at least 200 lines, 25 of them out of scope, all with known intents")
    func projectSet() throws {
        let url = CatalogFixture.repositoryRoot.appendingPathComponent("Tests/Evaluation/evaluation.jsonl")
        let set = try EvaluationSet(contentsOf: url)
        #expect(set.examples.count >= 200)
        #expect(set.examples.filter { $0.intent == nil }.count >= 25)
        let ids = Set(CatalogFixture.shipped.intents.map(\.id))
        for example in set.examples {
            if let intent = example.intent { #expect(ids.contains(intent), "line \(example.line)") }
        }
    }

    @Test("no example in the catalogue is a copy of an evaluation line (the set must stay unseen)")
    func evaluationSetIsUnseen() throws {
        let url = CatalogFixture.repositoryRoot.appendingPathComponent("Tests/Evaluation/evaluation.jsonl")
        let lines = Set(try EvaluationSet(contentsOf: url).examples.map { TextNormalizer.tokens($0.text) })
        let catalog = CatalogFixture.shipped
        let examples = catalog.intents.flatMap(\.examples) + catalog.outOfScopeExamples
        let copies = examples.filter { example in
            let tokens = TextNormalizer.tokens(example)
            return !tokens.isEmpty && lines.contains(tokens)
        }
        #expect(copies == [])
    }
}
