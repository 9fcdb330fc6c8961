import BenchmarkFixtures
import Foundation

// make-readings-file --readings N --output FILE --data-dir DIR
// Writes a synthetic Landauer-style lab file of N readings (no identity columns) and prepares DIR as a Sievert
// data directory the file imports into: the organisation BENCHLAB, one synthetic person per participant code and
// the codes assigned. Then `sievert import readings FILE --org BENCHLAB --data-dir DIR` is the real import
// (scripts/bench-readings times and profiles it). The file is written owner-only (0600), like the CLI's files.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("make-readings-file: \(message)\n".utf8))
    exit(64)
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    guard ["--readings", "--output", "--data-dir"].contains(flag), let value = arguments.next() else {
        fail("usage: make-readings-file --readings N --output FILE --data-dir DIR")
    }
    options[String(flag.dropFirst(2))] = value
}
guard let readings = options["readings"].flatMap(Int.init), readings >= 100 else {
    fail("--readings must be a number of at least 100")
}
guard let output = options["output"] else { fail("--output is required") }
guard let directory = options["data-dir"] else { fail("--data-dir is required") }
guard !FileManager.default.fileExists(atPath: directory) else { fail("\(directory) exists; give a new directory") }

let file = SyntheticLabFile.make(readings: readings)
guard FileManager.default.createFile(atPath: output, contents: Data(file.bytes), attributes: [.posixPermissions: 0o600])
else { fail("\(output): cannot create the file") }
print(
    "wrote \(file.readings) readings (\(file.controls) controls, \(file.reissues) reissues; "
        + "\(file.doseEntries) dose entries expected) for \(file.participantCodes.count) wearers, "
        + "\(file.bytes.count) bytes, to \(output)")
do {
    try await ReadingsFixture.prepare(dataDirectory: directory, participantCodes: file.participantCodes)
    print("prepared \(directory): organisation \(ReadingsFixture.organisationCode), people and participant codes")
} catch {
    fail("\(error)")
}
