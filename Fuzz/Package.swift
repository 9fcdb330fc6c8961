// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for every parser that takes outside input, in their own package so the main package never
// carries fuzzing flags and the sanitizer builds stay in Fuzz/.build, away from the main package's .build.
// scripts/fuzz builds them with `-sanitize=fuzzer,address -parse-as-library` and runs them; each target exports
// `LLVMFuzzerTestOneInput` and a `<module>_main` that hands the command line to libFuzzer's driver (FuzzSupport).

func sievert(_ product: String) -> Target.Dependency { .product(name: product, package: "sievert") }
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

// Each target and what it parses with, besides FuzzSupport.
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("fuzz-people-csv", [sievert("Interchange"), sievert("DoseCore")]),
    ("fuzz-assignments-csv", [sievert("Interchange")]),
    ("fuzz-lab-readings", [sievert("Interchange"), sievert("DoseCore")]),
    ("fuzz-envelope", [sievert("Vault")]),
    ("fuzz-ledger-proofs", [sievert("Ledger")]),
    // Ed25519 keys for the verifiers; already in the graph through the main package.
    ("fuzz-checkpoint", [sievert("Ledger"), crypto]),
    ("fuzz-passbook", [sievert("Passbook"), crypto]),
    ("fuzz-http-bodies", [sievert("SievertHTTP"), sievert("SievertServices")]),
]

let package = Package(
    name: "sievert-fuzz",
    platforms: [.macOS(.v15)],
    products: fuzzTargets.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its directory name, which differs by checkout.
        .package(name: "sievert", path: ".."),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.0"),
    ],
    targets: [
        // Invariant checks that stop the run with a message, and ways to cut one input into parts.
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        // The declaration of libFuzzer's driver, which -sanitize=fuzzer links in.
        .target(name: "CLibFuzzer"),
    ]
        + fuzzTargets.map { .executableTarget(name: $0.name, dependencies: ["FuzzSupport"] + $0.dependencies) }
)
