// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Rathaus",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rathaus", targets: ["rathaus"]),
        .library(name: "RathausCore", targets: ["RathausCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "RathausCore",
            dependencies: ["CStemmer", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "RathausStore",
            dependencies: ["RathausCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "RathausDelivery",
            dependencies: ["RathausCore", "RathausStore", "CCurl", .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "RathausServer",
            dependencies: ["RathausCore", "RathausStore", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle")]
        ),
        .executableTarget(
            name: "rathaus",
            dependencies: [
                "RathausCore",
                "RathausStore",
                "RathausDelivery",
                "RathausServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(name: "rathaus-bench", dependencies: ["RathausCore", "RathausStore", "RathausDelivery"]),
        .testTarget(name: "RathausCoreTests", dependencies: ["RathausCore"]),
        .testTarget(
            name: "RathausStoreTests",
            dependencies: ["RathausStore", "RathausCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "RathausTestSupport", path: "Tests/Support"),
        .testTarget(
            name: "RathausServerTests",
            dependencies: ["RathausServer", "RathausStore", "RathausCore", .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "RathausDeliveryTests", dependencies: ["RathausDelivery", "RathausStore", "RathausCore", "RathausTestSupport"]),
        .testTarget(name: "RathausCLITests", dependencies: ["rathaus", "RathausCore", "RathausStore", "RathausTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
