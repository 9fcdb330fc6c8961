// The byte-level state machine behind CSVReader. It keeps at most one row's bytes (bounded by the limits)
// and resumes across chunk boundaries, so it can read arbitrarily large files in pieces.
struct CSVParser: Sendable {
    private enum State: Sendable {
        case fieldStart
        case unquoted
        case quoted
        case quoteInQuoted
        case afterCarriageReturn
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let nul: UInt8 = 0

    private let limits: CSVReader.Limits
    private var state = State.fieldStart
    private var line = 1
    private var rowLine = 1
    private var column = 1
    private var rowBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var fieldLines: [Int] = []
    private var fieldStart = 0
    private var fieldLine = 1
    private var fieldQuoted = false
    private var lastFieldQuoted = false
    private var quoteLine = 1
    private var problem: CSVError?

    init(limits: CSVReader.Limits) {
        self.limits = limits
    }

    mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>, into output: inout [CSVReader.Element]) {
        let count = buffer.count
        var index = 0
        while index < count {
            switch state {
            case .fieldStart:
                if buffer[index] == Self.quote {
                    state = .quoted
                    fieldQuoted = true
                    quoteLine = line
                    index += 1
                } else {
                    state = .unquoted
                }

            case .unquoted:
                var end = index
                while end < count {
                    let byte = buffer[end]
                    if byte == Self.comma || byte == Self.quote || byte == Self.carriageReturn
                        || byte == Self.lineFeed || byte == Self.nul
                    {
                        break
                    }
                    end += 1
                }
                append(buffer, index..<end)
                index = end
                guard index < count else { break }
                let byte = buffer[index]
                index += 1
                switch byte {
                case Self.comma:
                    endField()
                    startField()
                case Self.lineFeed:
                    endField()
                    endRow(into: &output)
                case Self.carriageReturn:
                    state = .afterCarriageReturn
                case Self.quote:
                    fail(
                        "a quote appears inside a field that does not start with one; "
                            + "quote the whole field and double the quote inside"
                    )
                default:
                    fail("the field contains a NUL byte, which is not allowed in text")
                }

            case .quoted:
                var end = index
                while end < count {
                    let byte = buffer[end]
                    if byte == Self.quote || byte == Self.nul {
                        break
                    }
                    if byte == Self.lineFeed {
                        line += 1
                    }
                    end += 1
                }
                append(buffer, index..<end)
                index = end
                guard index < count else { break }
                if buffer[index] == Self.quote {
                    state = .quoteInQuoted
                } else {
                    fail("the field contains a NUL byte, which is not allowed in text")
                }
                index += 1

            case .quoteInQuoted:
                let byte = buffer[index]
                index += 1
                switch byte {
                case Self.quote:
                    appendByte(Self.quote)
                    state = .quoted
                case Self.comma:
                    endField()
                    startField()
                case Self.lineFeed:
                    endField()
                    endRow(into: &output)
                case Self.carriageReturn:
                    state = .afterCarriageReturn
                default:
                    fail("text follows the closing quote of a quoted field")
                    state = .unquoted
                }

            case .afterCarriageReturn:
                if buffer[index] == Self.lineFeed {
                    index += 1
                    endField()
                    endRow(into: &output)
                } else {
                    fail("a carriage return is not followed by a line feed; lines must end with CRLF or LF")
                    state = .unquoted
                }
            }
        }
    }

    mutating func finish(into output: inout [CSVReader.Element]) {
        switch state {
        case .quoted:
            problem = CSVError(
                line: quoteLine, column: column,
                reason: "a quoted field starts here but its closing quote is missing before the end of the file")
            endRow(into: &output)
        case .fieldStart where column == 1 && problem == nil:
            // Nothing since the last line end: the file ended cleanly.
            break
        default:
            endField()
            endRow(into: &output)
        }
    }

    private mutating func fail(_ reason: String) {
        if problem == nil {
            problem = CSVError(line: line, column: column, reason: reason)
        }
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard problem == nil, !range.isEmpty else { return }
        guard checkRoom(for: range.count) else { return }
        rowBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    }

    private mutating func appendByte(_ byte: UInt8) {
        guard problem == nil, checkRoom(for: 1) else { return }
        rowBytes.append(byte)
    }

    private mutating func checkRoom(for count: Int) -> Bool {
        if rowBytes.count - fieldStart + count > limits.maximumFieldBytes {
            fail("the field is longer than the limit of \(limits.maximumFieldBytes) bytes")
            return false
        }
        if rowBytes.count + count > limits.maximumRowBytes {
            fail("the row is longer than the limit of \(limits.maximumRowBytes) bytes")
            return false
        }
        return true
    }

    private mutating func endField() {
        if problem == nil {
            fieldEnds.append(rowBytes.count)
            fieldLines.append(fieldLine)
        }
        fieldStart = rowBytes.count
        lastFieldQuoted = fieldQuoted
        fieldQuoted = false
        state = .fieldStart
    }

    private mutating func startField() {
        fieldLine = line
        column += 1
        if column > limits.maximumColumns {
            fail("the row has more than the limit of \(limits.maximumColumns) fields")
        }
    }

    private mutating func endRow(into output: inout [CSVReader.Element]) {
        defer { startRow() }
        if let problem {
            output.append(.failure(problem))
            return
        }
        if fieldEnds.count == 1, fieldEnds[0] == 0, !lastFieldQuoted {
            return  // a blank line
        }
        var fields: [String] = []
        fields.reserveCapacity(fieldEnds.count)
        var start = 0
        for (index, end) in fieldEnds.enumerated() {
            let bytes = rowBytes[start..<end]
            if let invalid = UTF8Validation.firstInvalidOffset(in: bytes) {
                let newlines = bytes.prefix(invalid).reduce(0) { $0 + ($1 == Self.lineFeed ? 1 : 0) }
                output.append(
                    .failure(
                        CSVError(
                            line: fieldLines[index] + newlines, column: index + 1,
                            reason: "the field is not valid UTF-8 text; save the file as UTF-8")))
                return
            }
            fields.append(String(decoding: bytes, as: UTF8.self))
            start = end
        }
        output.append(.success(CSVRow(line: rowLine, fields: fields)))
    }

    private mutating func startRow() {
        line += 1
        rowLine = line
        fieldLine = line
        column = 1
        fieldStart = 0
        rowBytes.removeAll(keepingCapacity: rowBytes.capacity <= 1 << 16)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldLines.removeAll(keepingCapacity: true)
        fieldQuoted = false
        lastFieldQuoted = false
        problem = nil
        state = .fieldStart
    }
}
