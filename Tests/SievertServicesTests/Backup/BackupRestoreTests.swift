import BackupFormat
import DoseCore
import Foundation
import GRDB
import Ledger
import SievertApp
import SievertPostgres
import SievertSQLite
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// `sievert backup` and `sievert restore` as use cases, on both stores: a backup taken while the service writes
/// restores elsewhere to a consistent past state of the source, and a quiet one to exactly the source.
@Suite("Encrypted backup and verified restore", .serialized)
struct BackupRestoreTests {
    static let console = Caller.console(requestID: "backup-test")

    @Test(
        "a backup taken under write load restores to a consistent earlier state of the source",
        arguments: StoreKind.available)
    func underWriteLoad(kind: StoreKind) async throws {
        try await withTestRuntime(kind, flags: smallPool) { source in
            try await withBackupDirectory { directory in
                // setup: 15 people with doses, then a writer that keeps registering people and recording doses
                try await seedBackupSource(source.sievert, people: 15)
                let load = WriteLoad()
                let writer = Task { try await load.run(source.sievert, organisation: "BKP", first: 1000) }
                try await load.waitFor(3)

                // MUT: back up while the writer runs, and let it write on afterwards
                let backup = try await StoreBackup.run(source.runtime, to: directory, chunkSize: 8192)
                let afterBackup = load.written
                try await load.waitFor(afterBackup + 3)
                load.stop()
                try await writer.value
                let sourceContents = try await StoreContents.read(source.sievert.store)
                // The source's witness saw the later writes; the restore shares it, as after losing a server.
                try await source.runtime.ledger.checkpoint()
                let witness = ["witness.dir": source.runtime.settings.effectiveWitnessDirectory]

                try await withRestoreTarget(
                    kind, rootKeyFile: source.rootKeyFile, flags: smallPool.merging(witness) { $1 }
                ) {
                    target in
                    let report = try await StoreRestore.run(target.settings, from: directory, logger: TestLog.quiet)
                    #expect(
                        report.warnings.count == 1 && report.warnings[0].contains("is not restored"),
                        "\(report.warnings)")
                    let restored = try await target.open()
                    let restoredContents = try await StoreContents.read(restored.sievert.store)
                    let manifest = backup.manifest

                    // validate: the restored store is the snapshot the manifest counted ...
                    #expect(report.manifest == manifest)
                    #expect(restoredContents.people.count == manifest.counts.people)
                    #expect(restoredContents.doseCount == manifest.counts.doseEntries)
                    #expect(manifest.counts.people > 15 + 2, "writes before the backup are in it")
                    #expect(sourceContents.people.count > manifest.counts.people, "writes after it are not")
                    // ... every restored row is the source's row, byte for byte ...
                    for (id, record) in restoredContents.people {
                        #expect(sourceContents.people[id] == record, "person \(id)")
                        let entries = try #require(restoredContents.doses[id])
                        // A person registered just before the snapshot may not have their dose in it yet.
                        #expect(Set(entries).isSubset(of: Set(sourceContents.doses[id] ?? [])), "doses of \(id)")
                    }
                    let counted = Int(manifest.counts.auditEvents)
                    #expect(
                        Array(restoredContents.events.prefix(counted)) == Array(sourceContents.events.prefix(counted)))
                    #expect(restoredContents.events.prefix(counted).contains { $0.action == "backup.create" })
                    #expect(restoredContents.events.dropFirst(counted).first?.action == "backup.restore")

                    // ... the restored ledger is a prefix of the source's, proved with a consistency proof ...
                    let sourceLeaves = try await AuditLedger.storedLeafHashes(of: source.sievert.store)
                    let restoredLeaves = try await AuditLedger.storedLeafHashes(of: restored.sievert.store)
                    #expect(sourceLeaves.inSequence && restoredLeaves.inSequence)
                    let size = UInt64(counted)
                    let sourceSize = UInt64(sourceLeaves.hashes.count)
                    #expect(sourceSize > size)
                    let proof = try sourceLeaves.hashes.consistencyProof(from: size, to: sourceSize)
                    #expect(
                        proof.verify(
                            oldRoot: try restoredLeaves.hashes.root(size: size),
                            newRoot: try sourceLeaves.hashes.root(size: sourceSize)))
                    #expect(report.ledger.isOK && report.ledger.storedEvents == size)
                    #expect(report.ledger.checkpointSize <= size)
                    // ... and it verifies against its witnessed checkpoint.
                    let verification = try await restored.ledger.verify()
                    #expect(verification.verdict == .ok && verification.witnessedEvents == size + 1)

                    // The restored keys open the restored people exactly as the source's open them.
                    for id in restoredContents.people.keys.sorted(by: { $0.description < $1.description }).prefix(8) {
                        let mine = try await restored.sievert.people.get(id, by: Self.console)
                        #expect(mine == (try await source.sievert.people.get(id, by: Self.console)))
                    }
                    await restored.close()
                }
            }
        }
    }

    @Test("a backup with no concurrent writes restores to exactly the source", arguments: StoreKind.available)
    func quiet(kind: StoreKind) async throws {
        try await withTestRuntime(kind, flags: smallPool) { source in
            try await withBackupDirectory { directory in
                // setup
                try await seedBackupSource(source.sievert, people: 12)
                let backup = try await StoreBackup.run(source.runtime, to: directory, chunkSize: 4096)
                let sourceContents = try await StoreContents.read(source.sievert.store)

                try await withRestoreTarget(kind, rootKeyFile: source.rootKeyFile, flags: smallPool) { target in
                    // MUT
                    let report = try await StoreRestore.run(target.settings, from: directory, logger: TestLog.quiet)
                    #expect(report.warnings.isEmpty)

                    // validate
                    let restored = try await target.open()
                    let restoredContents = try await StoreContents.read(restored.sievert.store)
                    #expect(restoredContents.people == sourceContents.people)
                    #expect(restoredContents.doses == sourceContents.doses)
                    #expect(restoredContents.people.count == 12 && restoredContents.doseCount == 12)
                    #expect(backup.manifest.counts.auditEvents == sourceContents.events.count)
                    // The restored log is the source's, then the restore's own event.
                    #expect(Array(restoredContents.events.dropLast()) == sourceContents.events)
                    #expect(restoredContents.events.last?.action == "backup.restore")
                    #expect(
                        restoredContents.events.last?.subjectID
                            == "backup:\(backup.manifest.backupID.uuidString.lowercased())")
                    for id in sourceContents.people.keys {
                        let history = try await restored.sievert.doses.history(of: id, by: Self.console)
                        let original = try await source.sievert.doses.history(of: id, by: Self.console)
                        #expect(history.entries == original.entries)
                        #expect(
                            try await restored.sievert.people.get(id, by: Self.console)
                                == (try await source.sievert.people.get(id, by: Self.console)))
                    }
                    await restored.close()
                }
            }
        }
    }

    @Test("an SQLite backup waits out a write transaction another process holds, as the running server's")
    func sqliteWhileAnotherConnectionWrites() async throws {
        try await withTestRuntime(.sqlite) { source in
            try await withBackupDirectory { directory in
                // setup: another connection to the file (its own locks, as another process) starts writing
                try await seedBackupSource(source.sievert, people: 2)
                var configuration = Configuration()
                configuration.allowsUnsafeTransactions = true
                let other = try DatabaseQueue(path: source.runtime.settings.sqlitePath, configuration: configuration)
                try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }

                // MUT: the backup starts while that transaction is open, and it ends 300 ms later
                let backup = Task { try await StoreBackup.run(source.runtime, to: directory) }
                try await Task.sleep(for: .milliseconds(300))
                try other.inDatabase { db in
                    try db.execute(
                        sql: """
                            INSERT INTO service_keys
                            SELECT 'other-writer', version, wrapping_version, envelope, created_at FROM service_keys LIMIT 1
                            """)
                    try db.execute(sql: "COMMIT")
                }
                try other.close()

                // validate: the backup waited and then took a snapshot holding the other writer's commit
                let report = try await backup.value
                #expect(report.manifest.counts.people == 2)
                try await withRestoreTarget(.sqlite, rootKeyFile: source.rootKeyFile) { target in
                    _ = try await StoreRestore.run(target.settings, from: directory, logger: TestLog.quiet)
                    let restored = try await target.open()
                    #expect(try await restored.sievert.store.serviceKeys(named: "other-writer").count == 1)
                    await restored.close()
                }
            }
        }
    }

    @Test("a tampered audit log is not backed up (and so not re-signed)", arguments: StoreKind.available)
    func tamperedLedger(kind: StoreKind) async throws {
        try await withTestRuntime(kind, flags: smallPool) { source in
            try await withBackupDirectory { directory in
                // setup: a witnessed log, then one event edited in the database
                try await seedBackupSource(source.sievert, people: 3)
                try await source.runtime.ledger.checkpoint()
                try await AuditLedgerTamperTests.tamper(
                    source, [.init("UPDATE audit_events SET actor = 'cli:someone-else' WHERE sequence = 2")])

                // MUT
                await #expect {
                    _ = try await StoreBackup.run(source.runtime, to: directory)
                } throws: { error in
                    (error as? BackupFailure)?.description.contains("a tampered log is not backed up") == true
                }

                // validate: nothing written, not even the backup's event or a new checkpoint of the edited log
                #expect(!FileManager.default.fileExists(atPath: directory))
                #expect(try await source.sievert.store.auditEvents(actionPrefix: "backup.", limit: 5).isEmpty)
                #expect(try await source.runtime.ledger.verify().verdict == .rootMismatch)
            }
        }
    }

    @Test(
        "the backup directory holds the manifest and one sealed file, private to its owner",
        arguments: StoreKind.available)
    func layout(kind: StoreKind) async throws {
        try await withTestRuntime(kind, flags: smallPool) { source in
            try await withBackupDirectory { directory in
                try await seedBackupSource(source.sievert, people: 3)
                let backup = try await StoreBackup.run(source.runtime, to: directory)
                let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                let dataFile = kind == .sqlite ? "database.sqlite.sealed" : "database.pgdump.sealed"
                #expect(names == [dataFile, "manifest"])
                for name in names {
                    let mode = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[
                        .posixPermissions]
                    #expect(mode as? Int == 0o600, "\(name)")
                }
                #expect(backup.manifest.files.map(\.name) == [dataFile])
                #expect(backup.manifest.store.rawValue == kind.rawValue)
                let schemas = kind == .sqlite ? SQLiteRecordStore.schemaVersions : PostgresBackup.schemaVersions
                #expect(backup.manifest.schemaVersion == schemas.last)
                #expect(backup.manifest.rootKeyVersion == 1)
                // The manifest's checkpoint is signed by the source's ledger key and covers the backup's own event.
                let checkpoint = try source.runtime.ledger.verifier.verify(noteText: backup.manifest.ledger.note)
                #expect(checkpoint.size == UInt64(backup.manifest.counts.auditEvents))
                let events = try await source.sievert.store.auditEvents(actionPrefix: "backup.", limit: 10)
                #expect(events.map(\.action) == ["backup.create"])
                #expect(events.first?.subjectID == "backup:\(backup.manifest.backupID.uuidString.lowercased())")
                #expect(events.first?.organisationID == nil)
                // A second backup into the same directory is refused and leaves it as it was.
                await #expect(throws: BackupFailure.self) {
                    _ = try await StoreBackup.run(source.runtime, to: directory)
                }
                #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == names)
            }
        }
    }
}
