/// Turns text bytes into the final interleaved codeword sequence of a symbol (ISO/IEC 18004:2015, 7.4 to 7.6).
enum Codewords {
    /// The smallest version whose byte-mode capacity at `correction` holds `byteCount` bytes, if any does.
    static func smallestVersion(forByteCount byteCount: Int, correction: ErrorCorrection) -> Int? {
        VersionTable.versions.first { version in
            VersionTable.byteCapacity(version: version, correction: correction) >= byteCount
        }
    }

    /// The data codewords: a single byte-mode segment, terminator, bit padding and pad codewords.
    static func dataCodewords(for bytes: [UInt8], version: Int, correction: ErrorCorrection) -> [UInt8] {
        let capacityBits = VersionTable.dataCodewords(version: version, correction: correction) * 8
        var buffer = BitBuffer()
        buffer.append(0b0100, width: 4)
        buffer.append(bytes.count, width: VersionTable.byteModeCountBits(version: version))
        for byte in bytes {
            buffer.append(Int(byte), width: 8)
        }
        // The terminator is shortened, or dropped, when the symbol is already full.
        buffer.appendZeros(min(4, capacityBits - buffer.count))
        buffer.appendZeros((8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        let padCodewords: [UInt8] = [0xEC, 0x11]
        var padIndex = 0
        while codewords.count * 8 < capacityBits {
            codewords.append(padCodewords[padIndex])
            padIndex ^= 1
        }
        return codewords
    }

    /// The data codewords split into blocks, each followed by its error correction, interleaved column by column.
    static func interleaved(_ data: [UInt8], version: Int, correction: ErrorCorrection) -> [UInt8] {
        let level = correction.tableIndex
        let blockCount = VersionTable.blockCount[level][version]
        let eccLength = VersionTable.eccCodewordsPerBlock[level][version]
        let totalCodewords = VersionTable.rawDataModules(version: version) / 8
        // When the codewords do not divide evenly, the later blocks carry one extra data codeword (Table 9).
        let shortBlockCount = blockCount - totalCodewords % blockCount
        let shortDataLength = totalCodewords / blockCount - eccLength

        var dataBlocks: [ArraySlice<UInt8>] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for blockIndex in 0..<blockCount {
            let length = shortDataLength + (blockIndex < shortBlockCount ? 0 : 1)
            let block = data[start..<(start + length)]
            dataBlocks.append(block)
            eccBlocks.append(ReedSolomon.errorCorrection(for: Array(block), degree: eccLength))
            start += length
        }

        var result: [UInt8] = []
        result.reserveCapacity(totalCodewords)
        for column in 0...shortDataLength {
            for block in dataBlocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<eccLength {
            for block in eccBlocks {
                result.append(block[column])
            }
        }
        return result
    }
}
