// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "conform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "conform", targets: ["conform"]),
        .library(name: "ConformContract", targets: ["ConformContract"]),
        .library(name: "HTTPWire", targets: ["HTTPWire"]),
        .library(name: "ConformJSON", targets: ["ConformJSON"]),
        .library(name: "ConformHTTP", targets: ["ConformHTTP"]),
        .library(name: "ConformReport", targets: ["ConformReport"]),
        .library(name: "ConformSchema", targets: ["ConformSchema"]),
        .library(name: "JSONMatching", targets: ["JSONMatching"]),
        .library(name: "ConformSuite", targets: ["ConformSuite"]),
        .library(name: "ConformRunner", targets: ["ConformRunner"]),
        .library(name: "Workers", targets: ["Workers"]),
        .library(name: "MockProvider", targets: ["MockProvider"]),
        .library(name: "UpstreamWorkers", targets: ["UpstreamWorkers"]),
        .library(name: "WorkerServer", targets: ["WorkerServer"]),
    ],
    dependencies: [
        // traits: [] keeps swift-configuration out of the build; nothing here uses it.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .systemLibrary(
            name: "CJansson", pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"]), .brew(["jansson"])]
        ),
        .target(name: "ConformContract", swiftSettings: swiftSettings),
        .target(name: "HTTPWire", dependencies: ["ConformJSON"], swiftSettings: swiftSettings),
        .target(name: "ConformJSON", dependencies: ["CJansson"], swiftSettings: swiftSettings),
        .target(name: "ConformHTTP", dependencies: ["CCurl", "ConformJSON", "HTTPWire"], swiftSettings: swiftSettings),
        .target(name: "ConformReport", dependencies: ["ConformContract", "ConformJSON"], swiftSettings: swiftSettings),
        .target(name: "ConformDigest", swiftSettings: swiftSettings),
        .target(name: "ConformSchema", dependencies: ["ConformJSON"], swiftSettings: swiftSettings),
        .target(name: "SchemaTestSuite", dependencies: ["ConformSchema", "ConformJSON"], swiftSettings: swiftSettings),
        .executableTarget(name: "schema-suite", dependencies: ["SchemaTestSuite"], swiftSettings: swiftSettings),
        .executableTarget(name: "schema-bench", dependencies: ["ConformSchema", "ConformJSON"], swiftSettings: swiftSettings),
        .target(
            name: "JSONMatching", dependencies: ["ConformContract", "ConformJSON"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ConformSuite", dependencies: ["ConformContract", "ConformJSON", "ConformDigest", "ConformSchema", "HTTPWire", "JSONMatching"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ConformRunner", dependencies: ["ConformContract", "ConformSuite", "ConformHTTP", "ConformJSON", "ConformReport", "HTTPWire"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServerScope",
            dependencies: [
                "Workers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Workers",
            dependencies: [
                "ConformContract", "ConformJSON", "ConformDigest", "HTTPWire",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "UpstreamWorkers",
            dependencies: [
                "Workers", "ConformJSON", "HTTPWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WorkerServer",
            dependencies: [
                "Workers", "ConformJSON", "HTTPWire", "ServerScope",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MockProvider",
            dependencies: [
                "ConformContract", "Workers", "UpstreamWorkers", "ConformJSON", "HTTPWire", "ServerScope", "JSONMatching",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "conform",
            dependencies: [
                "ConformContract", "ConformJSON", "ConformHTTP", "ConformSchema", "ConformSuite", "ConformRunner", "ConformReport", "MockProvider",
                "Workers", "UpstreamWorkers", "WorkerServer", "ServerScope",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Helpers any test may use: temporary directories, sample reports, a scripted TCP server.
        .target(
            name: "ConformTestSupport", dependencies: ["ConformContract", "ConformJSON", "ConformReport"],
            path: "Tests/ConformTestSupport", swiftSettings: swiftSettings
        ),
        // Helpers for tests that serve Hummingbird applications or read event streams over HTTP.
        .target(
            name: "ServerTestSupport",
            dependencies: [
                "ConformHTTP", "HTTPWire", "ServerScope",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/ServerTestSupport", swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerScopeTests",
            dependencies: [
                "ServerScope", "ConformTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ConformJSONTests", dependencies: ["ConformJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "ConformContractTests", dependencies: ["ConformContract"], swiftSettings: swiftSettings),
        .testTarget(name: "HTTPWireTests", dependencies: ["HTTPWire", "ConformJSON"], swiftSettings: swiftSettings),
        .testTarget(name: "ConformDigestTests", dependencies: ["ConformDigest"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JSONMatchingTests", dependencies: ["JSONMatching", "ConformJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConformSuiteTests",
            dependencies: [
                "ConformContract", "ConformSuite", "ConformJSON", "ConformReport", "ConformSchema", "ConformTestSupport", "HTTPWire",
                "JSONMatching",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConformRunnerTests",
            dependencies: [
                "ConformRunner", "ConformSuite", "ConformHTTP", "ConformJSON", "ConformReport", "ConformTestSupport", "ServerTestSupport",
                "ServerScope", "MockProvider", "ConformContract", "ConformSchema", "HTTPWire",
                "UpstreamWorkers", "WorkerServer", "Workers", "JSONMatching",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConformReportTests", dependencies: ["ConformContract", "ConformReport", "ConformJSON", "ConformSchema", "ConformTestSupport"],
            swiftSettings: swiftSettings),
        // Runs the built `conform` binary as a user would, and its commands in-process.
        .testTarget(
            name: "ConformCommandTests",
            dependencies: [
                "conform", "ConformContract", "ConformSchema", "ConformReport", "ConformJSON", "ConformTestSupport", "ConformHTTP", "HTTPWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConformSchemaTests", dependencies: ["ConformSchema", "ConformJSON", "ConformTestSupport", "SchemaTestSuite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchemaFilesTests", dependencies: ["ConformSchema", "ConformJSON", "ConformTestSupport"], exclude: ["Examples"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkersTests",
            dependencies: ["Workers", "ConformContract", "ConformJSON", "ConformSchema", "HTTPWire", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MockProviderTests",
            dependencies: [
                "MockProvider", "ConformContract", "Workers", "ConformHTTP", "ConformJSON", "ConformTestSupport", "ServerTestSupport", "UpstreamWorkers",
                "ConformSchema", "HTTPWire", "ServerScope",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "UpstreamWorkersTests",
            dependencies: [
                "UpstreamWorkers", "WorkerServer", "MockProvider", "Workers", "ConformHTTP", "ConformJSON", "ConformTestSupport",
                "ServerTestSupport", "ConformContract", "HTTPWire", "ServerScope",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConformHTTPTests",
            dependencies: [
                "ConformHTTP", "ConformJSON", "ConformTestSupport", "ServerTestSupport", "HTTPWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
