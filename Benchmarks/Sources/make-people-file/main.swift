import BenchmarkFixtures
import Foundation

// make-people-file --rows N --org CODE --output FILE
// Writes a synthetic people CSV for timing `sievert import people` (scripts/bench-import). The people are
// invented, but the file is still written owner-only (0600), like every people file the CLI writes.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("make-people-file: \(message)\n".utf8))
    exit(64)
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    guard ["--rows", "--org", "--output"].contains(flag), let value = arguments.next() else {
        fail("usage: make-people-file --rows N --org CODE --output FILE")
    }
    options[String(flag.dropFirst(2))] = value
}
guard let rows = options["rows"].flatMap(Int.init), rows > 0 else { fail("--rows must be a positive number") }
guard let code = options["org"] else { fail("--org is required") }
guard let output = options["output"] else { fail("--output is required") }

do {
    let bytes = try SyntheticPeopleFile.bytes(count: rows, organisationCode: code)
    guard FileManager.default.createFile(atPath: output, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
    else { fail("\(output): cannot create the file") }
    print("wrote \(rows) rows (\(bytes.count) bytes) to \(output)")
} catch {
    fail("\(error)")
}
