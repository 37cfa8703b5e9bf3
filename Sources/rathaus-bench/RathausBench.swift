import Foundation
import RathausCatalog

/// `rathaus-bench`: measures how long loading and matching take on the shipped catalogue and on a
/// generated catalogue of 1,000 services, and prints one JSON object to standard output.
///
/// Human notes go to standard error, so standard output stays machine-readable.
@main
struct RathausBench {
    /// Parses the options, runs the selected scenarios in a fixed order ("shipped" first, because
    /// the peak memory figure is cumulative) and prints the report.
    static func main() {
        let options: BenchOptions
        do {
            options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            StandardError.write("rathaus-bench: \(error)\n\(BenchOptions.usage)\n")
            exit(2)
        }
        if options.showHelp {
            print(BenchOptions.usage)
            return
        }
        var results: [ScenarioResult] = []
        var delivery: DeliveryScenario.Result?
        var adversarial: AdversarialScenario.Result?
        var languages: LanguagesScenario.Result?
        var towns: TownsScenario.Result?
        do {
            if options.scenario.includesShipped {
                results.append(try ShippedScenario(catalogDirectory: options.catalogDirectory).run())
            }
            if options.scenario.includesGenerated {
                results.append(try GeneratedScenario().run())
            }
            if options.scenario.includesAdversarial {
                adversarial = try AdversarialScenario(catalogDirectory: options.catalogDirectory).run()
            }
            if options.scenario.includesLanguages {
                languages = try LanguagesScenario(catalogDirectory: options.catalogDirectory).run()
            }
            if options.scenario == .towns {
                towns = try TownsScenario(catalogDirectory: options.catalogDirectory, count: options.towns, output: options.output).run()
            }
            if options.scenario.includesDelivery {
                delivery = try DeliveryScenario().run()
            }
        } catch {
            StandardError.write("rathaus-bench: \(error)\n")
            exit(1)
        }
        let report = Report(
            machine: .init(cores: ProcessInfo.processInfo.activeProcessorCount), scenarios: results, delivery: delivery, adversarial: adversarial,
            languages: languages, towns: towns)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } catch {
            StandardError.write("rathaus-bench: \(error)\n")
            exit(1)
        }
    }

    /// The JSON printed on standard output.
    struct Report: Encodable {
        /// The machine the figures were taken on.
        struct Machine: Encodable {
            /// Active processor cores.
            let cores: Int
        }

        /// The machine the figures were taken on.
        let machine: Machine
        /// One result per matching scenario run, in the order run.
        let scenarios: [ScenarioResult]
        /// The delivery scenario, when run.
        let delivery: DeliveryScenario.Result?
        /// The pathological messages, when run.
        let adversarial: AdversarialScenario.Result?
        /// German and English side by side, when run.
        let languages: LanguagesScenario.Result?
        /// The generated Land of towns, when run.
        let towns: TownsScenario.Result?
    }
}
