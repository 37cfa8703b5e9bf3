import Foundation

/// The command-line options of `rathaus-bench`: `--catalog DIR` and `--scenario shipped|generated|delivery|adversarial|languages|all`.
struct BenchOptions {
    /// Which scenarios to run.
    enum Scenario: String {
        /// Only the catalogue on disk.
        case shipped
        /// Only the generated catalogue of 1,000 services.
        case generated
        /// Only the delivery of applications to a local receiver.
        case delivery
        /// Only the pathological messages of 1,000 characters against the catalogue on disk.
        case adversarial
        /// Only German and English matching side by side.
        case languages
        /// Only a generated Land of towns over the shipped catalogue (not part of "all": it writes
        /// hundreds of folders and databases).
        case towns
        /// Everything, "shipped" first.
        case all

        /// Whether the shipped catalogue is measured.
        var includesShipped: Bool { self == .shipped || self == .all }
        /// Whether the generated catalogue is measured.
        var includesGenerated: Bool { self == .generated || self == .all }
        /// Whether deliveries are measured.
        var includesDelivery: Bool { self == .delivery || self == .all }
        /// Whether pathological messages are measured.
        var includesAdversarial: Bool { self == .adversarial || self == .all }
        /// Whether German and English are measured side by side.
        var includesLanguages: Bool { self == .languages || self == .all }
    }

    /// An option that could not be understood.
    struct UsageError: Error, CustomStringConvertible {
        /// What is wrong.
        let description: String
    }

    /// The help text.
    static let usage = """
        usage: rathaus-bench [--catalog DIR] [--scenario shipped|generated|delivery|adversarial|languages|towns|all]
                             [--towns N] [--output DIR]
          --catalog DIR     directory holding Intents/ and Knowledge/ (default: .)
          --scenario NAME   shipped, generated, delivery, adversarial, languages, towns or all (default: all, without towns)
          --towns N         towns the "towns" scenario generates over the catalogue (default: 400)
          --output DIR      keep the generated towns in DIR (for rathaus serve --tenants DIR); default: a temporary folder
        Prints one JSON object to standard output; notes go to standard error.
        """

    /// The directory of the shipped catalogue.
    var catalogDirectory = URL(fileURLWithPath: ".", isDirectory: true)
    /// The scenarios to run.
    var scenario = Scenario.all
    /// Whether `--help` was given.
    var showHelp = false
    /// Towns the "towns" scenario generates.
    var towns = 400
    /// Where the "towns" scenario keeps the generated Land (nil: a temporary folder).
    var output: URL?

    /// Reads the options from the arguments (without the program name).
    init(arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--help", "-h":
                showHelp = true
            case "--catalog":
                guard let value = remaining.popFirst() else { throw UsageError(description: "--catalog needs a directory") }
                catalogDirectory = URL(fileURLWithPath: value, isDirectory: true)
            case "--scenario":
                guard let value = remaining.popFirst(), let parsed = Scenario(rawValue: value) else {
                    throw UsageError(description: "--scenario needs one of shipped, generated, delivery, adversarial, languages, towns, all")
                }
                scenario = parsed
            case "--towns":
                guard let value = remaining.popFirst().flatMap(Int.init), value > 0 else {
                    throw UsageError(description: "--towns needs a number above 0")
                }
                towns = value
            case "--output":
                guard let value = remaining.popFirst() else { throw UsageError(description: "--output needs a directory") }
                output = URL(fileURLWithPath: value, isDirectory: true)
            default:
                throw UsageError(description: "unknown argument '\(argument)'")
            }
        }
    }
}
