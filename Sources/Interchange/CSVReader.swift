/// An RFC 4180 CSV reader that works on bytes and streams: feed it chunks with ``read(_:)`` and call
/// ``finish()`` at the end; each call returns the rows it completed.
///
/// It accepts CRLF or LF line ends, quoted fields with embedded commas, line breaks and `""` escapes, and
/// an optional UTF-8 byte order mark. Hostile input never traps and is never buffered without limit: each
/// broken row gives one ``CSVError`` with its physical line and field, and reading carries on with the next
/// row, so a whole file's problems can be reported at once. Blank lines are skipped.
public struct CSVReader: Sendable {
    /// Bounds that keep a hostile file from using unbounded memory.
    public struct Limits: Hashable, Sendable {
        /// The most bytes one field may hold.
        public var maximumFieldBytes: Int
        /// The most fields one row may hold.
        public var maximumColumns: Int
        /// The most bytes one row may hold, across all its fields.
        public var maximumRowBytes: Int

        /// Creates limits; the defaults suit people and dose files.
        public init(maximumFieldBytes: Int = 65_536, maximumColumns: Int = 256, maximumRowBytes: Int = 1_048_576) {
            self.maximumFieldBytes = maximumFieldBytes
            self.maximumColumns = maximumColumns
            self.maximumRowBytes = maximumRowBytes
        }
    }

    /// A row, or the problem that spoiled it.
    public typealias Element = Result<CSVRow, CSVError>

    private var parser: CSVParser
    private var prefix: [UInt8] = []
    private var checkedByteOrderMark = false
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Creates a reader with `limits`.
    public init(limits: Limits = Limits()) {
        parser = CSVParser(limits: limits)
    }

    /// Reads every row of a complete file.
    public static func rows(in bytes: some Collection<UInt8>, limits: Limits = Limits()) -> [Element] {
        var reader = CSVReader(limits: limits)
        return reader.read(bytes) + reader.finish()
    }

    /// Reads the next chunk of the file and returns the rows it completed.
    public mutating func read(_ chunk: some Collection<UInt8>) -> [Element] {
        var output: [Element] = []
        var start = chunk.startIndex
        if !checkedByteOrderMark {
            // Hold back up to three bytes until we know whether they are a byte order mark.
            while prefix.count < 3, start != chunk.endIndex {
                prefix.append(chunk[start])
                start = chunk.index(after: start)
            }
            if prefix.count < 3, Self.byteOrderMark.starts(with: prefix) {
                return output
            }
            releasePrefix(into: &output)
        }
        let rest = chunk[start...]
        let handled: Void? = rest.withContiguousStorageIfAvailable { buffer in
            parser.parse(buffer, into: &output)
        }
        if handled == nil {
            Array(rest).withUnsafeBufferPointer { parser.parse($0, into: &output) }
        }
        return output
    }

    /// Ends the file: returns the last row, or the problem with an unfinished quoted field.
    public mutating func finish() -> [Element] {
        var output: [Element] = []
        if !checkedByteOrderMark {
            releasePrefix(into: &output)
        }
        parser.finish(into: &output)
        return output
    }

    private mutating func releasePrefix(into output: inout [Element]) {
        checkedByteOrderMark = true
        let bytes = prefix == Self.byteOrderMark ? [] : prefix
        prefix = []
        bytes.withUnsafeBufferPointer { parser.parse($0, into: &output) }
    }
}

extension CSVReader {
    /// The rows of a file that arrives as a sequence of byte chunks, read lazily one chunk at a time.
    public static func rows<Chunks: Sequence>(
        inChunks chunks: Chunks, limits: Limits = Limits()
    ) -> CSVRowSequence<Chunks> where Chunks.Element: Collection<UInt8> {
        CSVRowSequence(chunks: chunks, limits: limits)
    }
}

/// The rows of a chunked CSV file, parsed as they are iterated.
public struct CSVRowSequence<Chunks: Sequence>: Sequence where Chunks.Element: Collection<UInt8> {
    let chunks: Chunks
    let limits: CSVReader.Limits

    /// Iterates rows, reading another chunk only when the rows in hand run out.
    public struct Iterator: IteratorProtocol {
        var chunks: Chunks.Iterator
        var reader: CSVReader
        var pending: [CSVReader.Element] = []
        var index = 0
        var finished = false

        /// The next row or problem, or `nil` at the end of the file.
        public mutating func next() -> CSVReader.Element? {
            while index == pending.count {
                guard !finished else { return nil }
                pending.removeAll(keepingCapacity: true)
                index = 0
                if let chunk = chunks.next() {
                    pending = reader.read(chunk)
                } else {
                    pending = reader.finish()
                    finished = true
                }
            }
            defer { index += 1 }
            return pending[index]
        }
    }

    /// Starts reading from the first chunk.
    public func makeIterator() -> Iterator {
        Iterator(chunks: chunks.makeIterator(), reader: CSVReader(limits: limits))
    }
}

extension CSVRowSequence: Sendable where Chunks: Sendable {}
