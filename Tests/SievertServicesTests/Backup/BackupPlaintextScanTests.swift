import BackupFormat
import DoseCore
import Foundation
import Logging
import SievertApp
import SievertServices
import SievertTestSupport
import Testing

/// DESIGN.md §Security 1 for backups: after seeding people through the services, every byte of every file in the
/// backup directory (and the logs of making it) is searched for every personal value. Nothing may be found.
@Suite("Nothing personal in clear in a backup")
struct BackupPlaintextScanTests {
    @Test(
        "no file of a backup, nor the logs of making it, holds a seeded person's value", arguments: StoreKind.available)
    func scan(kind: StoreKind) async throws {
        let capture = LogCapture()
        try await withTestRuntime(kind, logger: capture.logger(level: .trace)) { test in
            try await withBackupDirectory { directory in
                // setup
                let (people, staff, secrets) = try await PlaintextScanTests.seed(test)
                let (scan, _) = try PlaintextScanTests.needles(people, staffNumbers: staff, secrets: secrets)
                #expect(scan.needles.count > 8000)

                // MUT
                let backup = try await StoreBackup.run(test.runtime, to: directory)

                // validate: every file, at any depth (no working file may be left behind either)
                let files = try FileManager.default.subpathsOfDirectory(atPath: directory).map { directory + "/" + $0 }
                #expect(files.count == 2)
                let hits = scan.hits(inFiles: files)
                #expect(hits.count == files.count, "every file was read")
                for (file, found) in hits {
                    #expect(found.isEmpty, "\(found.count) personal values found in clear in \(file)")
                }
                // The sealed file holds every row, so an empty file cannot pass; and the scanner finds a value
                // planted in its bytes.
                let sealed = try #require(backup.manifest.files.first)
                #expect(sealed.bytes > 1200 * 300)
                let planted = try #require(people.first?.identity.nino?.value)
                let bytes = try #require(FileManager.default.contents(atPath: directory + "/" + sealed.name))
                #expect(scan.hits(in: Array(bytes.prefix(4096)) + Array(planted.utf8)) == [planted])
                #expect(scan.hits(in: Array(capture.text.utf8)).isEmpty, "personal values found in the logs")
            }
        }
    }
}
