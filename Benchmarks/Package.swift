// swift-tools-version:6.2
import PackageDescription

// Benchmarks live in their own package so the main package never depends on ordo-one/benchmark, and their
// release builds stay in Benchmarks/.build, away from the main package's .build.
let package = Package(
    name: "sievert-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its directory name, which differs by checkout.
        .package(name: "sievert", path: ".."),
        // Swift 6.3 counts mallocs with ordo-one's interposer (this trait), so jemalloc is not needed.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Ed25519 checkpoint keys and the SHA-256 baseline of the Ledger suite; already in the graph too.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
        // Only to hand SievertRuntime a silent Logger; already in the graph through the main package.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        // COPY … FROM STDIN for the PostgreSQL scale load; already in the graph through the main package.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
    ],
    targets: [
        // Synthetic people and lab files and the data directory a lab file imports into, shared by the suites
        // and the make-*-file executables.
        .target(
            name: "BenchmarkFixtures",
            dependencies: [
                .product(name: "SievertApp", package: "sievert"),
                .product(name: "SievertServices", package: "sievert"),
                .product(name: "Interchange", package: "sievert"),
                .product(name: "DoseCore", package: "sievert"),
                // Its seeded SplitMix64 makes the synthetic lab files.
                .product(name: "Linkage", package: "sievert"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // ordo-one's BenchmarkPlugin runs every executable target under Benchmarks/<Name>/ as a suite.
        .executableTarget(
            name: "PeopleImport",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SievertApp", package: "sievert"),
                .product(name: "SievertServices", package: "sievert"),
                .product(name: "Interchange", package: "sievert"),
                .product(name: "DoseCore", package: "sievert"),
            ],
            path: "Benchmarks/PeopleImport",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The audit ledger's goals: append rate on SQLite, verifying a million events, one inclusion proof.
        // Target names must be unique across the package graph and the main package has a `Ledger` module,
        // so this suite (in Benchmarks/Ledger) is the target `LedgerBenchmarks`. (Module aliasing would allow
        // `Ledger`, but SwiftPM 6.3 ignores the alias when a path dependency's directory name differs from its
        // package name, as `..` does here.)
        .executableTarget(
            name: "LedgerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Ledger", package: "sievert"),
                .product(name: "SievertApp", package: "sievert"),
                .product(name: "SievertServices", package: "sievert"),
                // Also brings SievertStorage (change sets, rows, scopes), which is no product of its own.
                .product(name: "SievertSQLite", package: "sievert"),
                .product(name: "DoseCore", package: "sievert"),
                // Its seeded SplitMix64 makes the synthetic events.
                .product(name: "Linkage", package: "sievert"),
            ],
            path: "Benchmarks/Ledger",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The lab readings import (a million readings) against bare GRDB, and the wearer's lifetime history
        // with ten million dose entries stored (built once into Benchmarks/.build-data).
        .executableTarget(
            name: "ReadingsImport",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SievertApp", package: "sievert"),
                .product(name: "SievertServices", package: "sievert"),
                // Also brings SievertStorage (change sets, rows, scopes) and Vault (unwrapping keys and sealing
                // the history store's amounts), which are no products of their own.
                .product(name: "SievertSQLite", package: "sievert"),
                .product(name: "Interchange", package: "sievert"),
                .product(name: "DoseCore", package: "sievert"),
                // Its seeded SplitMix64 picks the wearers and makes the history store's amounts.
                .product(name: "Linkage", package: "sievert"),
            ],
            path: "Benchmarks/ReadingsImport",
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Prints the largest inclusion and consistency proofs for a spread of tree sizes (scripts/bench-ledger).
        .executableTarget(
            name: "ledger-proof-sizes",
            dependencies: [
                .product(name: "Ledger", package: "sievert"),
                // Its seeded SplitMix64 picks the sizes and samples.
                .product(name: "Linkage", package: "sievert"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // Loads 10,000,000 dose entries into PostgreSQL and times the lifetime history and the reports over them
        // (scripts/bench-postgres-scale).
        .executableTarget(
            name: "postgres-scale",
            dependencies: [
                "BenchmarkFixtures",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SievertApp", package: "sievert"),
                .product(name: "SievertServices", package: "sievert"),
                // Also brings SievertStorage, SievertPostgres and Vault (unwrapping keys, sealing the amounts),
                // which are no products of their own.
                .product(name: "SievertSQLite", package: "sievert"),
                .product(name: "DoseCore", package: "sievert"),
                // Its seeded SplitMix64 makes the amounts and picks the wearers.
                .product(name: "Linkage", package: "sievert"),
            ]
        ),
        // Writes a synthetic people file for timing the real `sievert import people` (scripts/bench-import).
        .executableTarget(
            name: "make-people-file",
            dependencies: ["BenchmarkFixtures"]
        ),
        // Writes a synthetic lab file and prepares a data directory for it, for timing and profiling the real
        // `sievert import readings` (scripts/bench-readings).
        .executableTarget(
            name: "make-readings-file",
            dependencies: ["BenchmarkFixtures"]
        ),
    ]
)
