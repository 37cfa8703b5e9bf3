// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Rathaus",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rathaus", targets: ["rathaus"]),
        .library(name: "RathausCatalog", targets: ["RathausCatalog"]),
        .library(name: "RathausUnderstanding", targets: ["RathausUnderstanding"]),
        .library(name: "RathausDialog", targets: ["RathausDialog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The catalogue's files: services, departments, intents and forms, parsed and checked.
        .target(name: "RathausCatalog", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Text to intent: analysis, the matcher and its evaluation.
        .target(name: "RathausUnderstanding", dependencies: ["RathausCatalog", "CStemmer"]),
        // The conversation: answers, the form dialog and its validators, the session state machine.
        .target(
            name: "RathausDialog",
            dependencies: [
                "RathausCatalog", "RathausUnderstanding", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "RathausStore",
            dependencies: [
                "RathausCatalog", "RathausUnderstanding", "RathausDialog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The conversation service: the one place that answers and stores a turn, for every channel.
        .target(
            name: "RathausConversations",
            dependencies: [
                "RathausCatalog", "RathausUnderstanding", "RathausDialog", "RathausStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The staff report: what citizens asked and where they got stuck, as JSON and as HTML.
        .target(name: "RathausReport", dependencies: ["RathausCatalog", "RathausUnderstanding", "RathausDialog", "RathausStore"]),
        .target(
            name: "RathausDelivery",
            dependencies: [
                "RathausCatalog", "RathausStore", "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "RathausServer",
            dependencies: [
                "RathausCatalog", "RathausUnderstanding", "RathausDialog", "RathausStore", "RathausConversations", "RathausDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "rathaus",
            dependencies: [
                "RathausCatalog", "RathausUnderstanding", "RathausDialog", "RathausStore", "RathausConversations", "RathausDelivery",
                "RathausServer", "RathausReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "rathaus-bench",
            dependencies: [
                "RathausCatalog", "RathausUnderstanding", "RathausDialog", "RathausStore", "RathausDelivery", "RathausServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "RathausTestSupport", dependencies: ["RathausCatalog", "RathausUnderstanding"], path: "Tests/Support"),
        .testTarget(name: "RathausCatalogTests", dependencies: ["RathausCatalog", "RathausTestSupport"]),
        .testTarget(name: "RathausUnderstandingTests", dependencies: ["RathausUnderstanding", "RathausCatalog", "RathausTestSupport"]),
        .testTarget(
            name: "RathausDialogTests",
            dependencies: ["RathausDialog", "RathausUnderstanding", "RathausCatalog", "RathausTestSupport"]
        ),
        .testTarget(
            name: "RathausStoreTests",
            dependencies: [
                "RathausStore", "RathausDialog", "RathausCatalog", "RathausTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "RathausConversationsTests",
            dependencies: ["RathausConversations", "RathausStore", "RathausDialog", "RathausUnderstanding", "RathausCatalog", "RathausTestSupport"]
        ),
        .testTarget(
            name: "RathausServerTests",
            dependencies: [
                "RathausServer", "RathausStore", "RathausDialog", "RathausUnderstanding", "RathausCatalog", "RathausTestSupport",
                "RathausDelivery", "RathausConversations",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "RathausReportTests",
            dependencies: [
                "RathausReport", "RathausStore", "RathausConversations", "RathausDialog", "RathausUnderstanding", "RathausCatalog",
                "RathausTestSupport",
            ]
        ),
        .testTarget(
            name: "RathausDeliveryTests",
            dependencies: ["RathausDelivery", "RathausStore", "RathausDialog", "RathausCatalog", "RathausConversations", "RathausTestSupport"]
        ),
        .testTarget(
            name: "RathausCLITests",
            dependencies: [
                "rathaus", "RathausDialog", "RathausCatalog", "RathausStore", "RathausConversations", "RathausTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
