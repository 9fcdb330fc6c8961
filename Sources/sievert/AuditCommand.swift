import ArgumentParser
import Foundation
import Ledger
import SievertApp
import SievertServices

/// `sievert audit checkpoint|verify`: the tamper-evident audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Checkpoint and verify the audit ledger.",
        subcommands: [Checkpoint.self, Verify.self, Proof.self])

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a checkpoint of the audit log now and write it to the witness directory.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.withRuntime { runtime in
                let signed = try await runtime.ledger.checkpoint()
                Console.out(
                    "checkpoint of \(signed.unverifiedCheckpoint.size) events written to \(runtime.settings.effectiveWitnessDirectory)"
                )
            }
        }
    }

    struct Proof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an event's inclusion proof in the latest witnessed checkpoint, and check it.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The event's sequence number (1 is the first event).") var event: Int64

        func run() async throws {
            let found = try await options.withRuntime { runtime in try await runtime.ledger.proof(ofEvent: event) }
            guard let found else {
                Console.error("event \(event) is not covered by a witnessed checkpoint")
                throw ExitCode(1)
            }
            Console.out("event \(event): \(found.summary)")
            Console.out("leaf index \(found.proof.leafIndex) of \(found.proof.treeSize)")
            Console.out("proof (RFC 9162, \(found.proof.hashes.count) hashes): \(found.proof.encodedBytes.base64())")
            Console.out("checkpoint:\n\(found.checkpointNote)")
            guard found.verified else {
                Console.error("TAMPERED: the stored event is not the one the checkpoint includes")
                throw ExitCode(3)
            }
            Console.out("verified")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the stored audit log against the latest witnessed checkpoint (exit 3 when tampered).")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let result = try await options.withRuntime { runtime in try await runtime.ledger.verify() }
            switch result.verdict {
            case .ok where result.witnessedEvents == 0:
                Console.out("no witnessed checkpoint yet: \(result.storedEvents) events stored, none verified")
            case .ok:
                Console.out(
                    "ok: \(result.witnessedEvents) witnessed events verified (\(result.storedEvents) stored)")
            case .rootMismatch:
                Console.error(
                    "TAMPERED: the stored events do not match the witnessed checkpoint (edited, deleted, reordered or inserted)"
                )
                throw ExitCode(3)
            case .truncated(storedLeaves: let stored, checkpointSize: let size):
                Console.error(
                    "TAMPERED: \(stored) events stored but the witnessed checkpoint covers \(size) (truncated)")
                throw ExitCode(3)
            case .badSignature:
                Console.error("TAMPERED: the witnessed checkpoint is not signed by this ledger's key")
                throw ExitCode(3)
            case .checkpointNotConsistent(previousSize: let previous, latestSize: let latest):
                Console.error("TAMPERED: checkpoint \(latest) does not extend checkpoint \(previous)")
                throw ExitCode(3)
            }
        }
    }
}

extension [UInt8] {
    fileprivate func base64() -> String { Data(self).base64EncodedString() }
}
