// swift-tools-version:6.2
import PackageDescription

// One place for the settings every target shares (STYLE.md): Swift 6 mode comes with the tools version.
var swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
// CI builds with warnings as errors for this package's own targets only.
if Context.environment["SIEVERT_WARNINGS_AS_ERRORS"] == "1" {
    swiftSettings.append(.treatAllWarnings(as: .error))
}

let package = Package(
    name: "sievert",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sievert", targets: ["sievert"]),
        // Libraries for the Benchmarks package (and other tools) to build on.
        .library(name: "SievertApp", targets: ["SievertApp"]),
        .library(name: "SievertServices", targets: ["SievertServices"]),
        .library(name: "SievertSQLite", targets: ["SievertSQLite"]),
        .library(name: "Interchange", targets: ["Interchange"]),
        .library(name: "DoseCore", targets: ["DoseCore"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Linkage", targets: ["Linkage"]),
        // For the Fuzz package's envelope, passbook and request body targets.
        .library(name: "Vault", targets: ["Vault"]),
        .library(name: "Passbook", targets: ["Passbook"]),
        .library(name: "SievertHTTP", targets: ["SievertHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        // The swift-metrics backend behind `/metrics` (Prometheus text format).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        // TLS for the SMTP relay (smtps:// and STARTTLS); already in the graph through postgres-nio.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        // Base32 for TOTP keys; already in the graph through hummingbird-auth.
        .package(url: "https://github.com/swift-extras/swift-extras-base64.git", from: "1.2.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Server-rendered HTML (printable reports now, the portal later).
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
    ],
    targets: [
        // Pure domain: entities, NINO, dates, exact doses. No I/O.
        .target(name: "DoseCore", swiftSettings: swiftSettings),
        // Envelope encryption, key ring, blind indexes, rotation, shredding. Crypto only, no I/O.
        .target(
            name: "Vault",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Tamper-evident audit log: RFC 9162 Merkle tree, events, signed checkpoints, proofs. No I/O.
        .target(
            name: "Ledger",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Encrypted backups: the sealed chunk stream (AES-256-GCM, STREAM construction) and the authenticated
        // manifest, under keys derived from the root key. Pure, no I/O.
        .target(
            name: "BackupFormat",
            dependencies: ["Vault", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Radiation passbooks of classified outside workers: entries signed with Ed25519 and hash-chained, in a
        // strict line-based text format. Pure, no I/O.
        .target(
            name: "Passbook",
            dependencies: ["DoseCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Cleansing and record linkage for breach response: normalisers, comparators, blocking,
        // Fellegi–Sunter with EM, clustering. Pure, no dependencies.
        .target(name: "Linkage", swiftSettings: swiftSettings),
        // QR codes as inline SVG, for TOTP enrolment in the portal. Pure, no dependencies.
        .target(name: "QRCode", swiftSettings: swiftSettings),
        // Interchange formats (RFC 4180 CSV, the people CSV). Pure, no I/O.
        .target(name: "Interchange", dependencies: ["DoseCore"], swiftSettings: swiftSettings),
        // E-mail: RFC 5322 messages and a hand-written SMTP client (RFC 5321, STARTTLS, AUTH) over SwiftNIO.
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // Store protocols and the sealed row types they carry. No driver.
        .target(name: "SievertStorage", dependencies: ["DoseCore", "Ledger"], swiftSettings: swiftSettings),
        .target(
            name: "SievertSQLite",
            dependencies: [
                "SievertStorage",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, to hash audit rows straight from a cursor's column bytes (SQLiteRecordStore+AuditLeaves).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SievertPostgres",
            dependencies: [
                "SievertStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Use cases, called by both HTTP and CLI.
        .target(
            name: "SievertServices",
            dependencies: [
                "DoseCore", "Vault", "Interchange", "SievertStorage", "Ledger", "Linkage", "Mail", "Passbook",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The common-password list that new passwords are checked against (ASVS 5.0 V6.2.4), and the
            // templates of printable reports.
            resources: [
                .copy("Resources/common-passwords.txt"), .copy("Resources/common-passwords.LICENSE"),
                .copy("Reports/Templates"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SievertHTTP",
            dependencies: [
                "SievertServices", "SievertStorage", "DoseCore", "Interchange", "Ledger", "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The portal's page templates and its one stylesheet (no CDN, no build chain), and the API's OpenAPI
            // document served at /openapi.json.
            resources: [.copy("Web/Templates"), .copy("Web/Assets"), .copy("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        // Composition root: configuration, stores, keys, buildApplication().
        .target(
            name: "SievertApp",
            dependencies: [
                "SievertHTTP", "SievertServices", "SievertSQLite", "SievertPostgres", "Ledger", "Passbook", "Mail",
                "BackupFormat", "Vault",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sievert",
            dependencies: [
                "SievertApp", "SievertServices", "Interchange", "DoseCore", "Ledger", "Linkage", "Passbook",
                "BackupFormat", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "SievertTestSupport",
            dependencies: [
                "SievertApp", "SievertSQLite", "SievertPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SievertTestSupport",
            swiftSettings: swiftSettings
        ),
        // One seeded generator for every randomised test.
        .target(name: "SeededRandom", path: "Tests/SeededRandom", swiftSettings: swiftSettings),
        .testTarget(name: "DoseCoreTests", dependencies: ["DoseCore", "SeededRandom"], swiftSettings: swiftSettings),
        .testTarget(name: "LinkageTests", dependencies: ["Linkage"], swiftSettings: swiftSettings),
        // Matrices made by an independent encoder (segno; scripts/qr-fixtures) to compare with bit for bit.
        .testTarget(
            name: "QRCodeTests", dependencies: ["QRCode"], resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(name: "VaultTests", dependencies: ["Vault", "SeededRandom"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BackupFormatTests",
            dependencies: ["BackupFormat", "Vault", "SeededRandom", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "SeededRandom", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PassbookTests",
            dependencies: ["Passbook", "DoseCore", "SeededRandom", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InterchangeTests", dependencies: ["Interchange", "SeededRandom"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MailTests",
            dependencies: [
                "Mail", "SievertTestSupport", "SievertServices", "SievertStorage", "DoseCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageContractTests",
            dependencies: [
                "SievertTestSupport", "SievertSQLite", "SievertPostgres", "SievertStorage", "DoseCore", "Ledger",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SievertServicesTests",
            dependencies: [
                "SievertTestSupport", "SievertServices", "SievertApp", "Interchange", "SievertStorage", "DoseCore",
                "Passbook", "Ledger", "Linkage", .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Configuration", package: "swift-configuration"),
                "BackupFormat", "Vault", "SievertSQLite", "SievertPostgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SievertHTTPTests",
            dependencies: [
                "SievertTestSupport", "SievertApp", "SievertServices", "SievertStorage", "DoseCore", "Ledger",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SievertCLITests",
            dependencies: [
                "SievertTestSupport", "sievert", "SievertServices", "Interchange", "DoseCore", "Ledger", "Linkage",
                "Passbook", "SievertApp", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
