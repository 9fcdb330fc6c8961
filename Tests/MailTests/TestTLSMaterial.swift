import Foundation

/// Throwaway TLS material for the SMTP sink, made with `openssl` when the tests first need it, in a private
/// temporary directory: no private key is ever committed. A test CA signs a P-256 certificate for `localhost` and
/// `127.0.0.1`; the CA's own key is deleted once it has signed.
enum TestTLSMaterial {
    struct Paths: Sendable {
        let ca: String
        let certificate: String
        let key: String
    }

    static let made: Result<Paths, TLSMaterialUnavailable> = make()

    /// The paths, or an error saying which `openssl` step failed.
    static func paths() throws -> Paths { try made.get() }

    private static func make() -> Result<Paths, TLSMaterialUnavailable> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sievert-test-tls-\(UUID())")
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return .failure(TLSMaterialUnavailable(step: "create \(directory.path)"))
        }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let extensions = """
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            subjectAltName=DNS:localhost,IP:127.0.0.1

            """
        guard FileManager.default.createFile(atPath: path("ext.cnf"), contents: Data(extensions.utf8)) else {
            return .failure(TLSMaterialUnavailable(step: "write ext.cnf"))
        }
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                path("ca-key.pem"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=Sievert test mail CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                path("server-key.pem"), "-out", path("server.csr"), "-subj", "/CN=localhost",
            ],
            [
                "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca-key.pem"),
                "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", path("ext.cnf"),
            ],
        ]
        for arguments in steps {
            guard run(["openssl"] + arguments) else {
                return .failure(TLSMaterialUnavailable(step: "openssl \(arguments[0]) \(arguments[1])"))
            }
        }
        try? FileManager.default.removeItem(atPath: path("ca-key.pem"))
        return .success(Paths(ca: path("ca.pem"), certificate: path("server.pem"), key: path("server-key.pem")))
    }

    private static func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}

/// `openssl` could not make the test TLS material.
struct TLSMaterialUnavailable: Error, CustomStringConvertible {
    var step: String
    var description: String { "cannot make the test TLS material (is openssl installed?): \(step) failed" }
}
