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
    ],
    targets: [
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .target(
            name: "RathausCore",
            dependencies: ["CStemmer", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "RathausStore",
            dependencies: ["RathausCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "rathaus",
            dependencies: [
                "RathausCore",
                "RathausStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "rathaus-bench", dependencies: ["RathausCore"]),
        .testTarget(name: "RathausCoreTests", dependencies: ["RathausCore"]),
        .testTarget(
            name: "RathausStoreTests",
            dependencies: ["RathausStore", "RathausCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "RathausCLITests", dependencies: ["rathaus", "RathausCore"]),
    ],
    swiftLanguageModes: [.v6]
)
