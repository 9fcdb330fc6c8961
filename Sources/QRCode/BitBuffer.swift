/// An append-only sequence of bits, most significant bit first, used to assemble the data bit stream.
struct BitBuffer {
    /// The bits appended so far.
    private(set) var bits: [Bool] = []

    /// The number of bits appended so far.
    var count: Int {
        bits.count
    }

    /// Appends the low `width` bits of `value`, most significant first.
    mutating func append(_ value: Int, width: Int) {
        for shift in stride(from: width - 1, through: 0, by: -1) {
            bits.append((value >> shift) & 1 == 1)
        }
    }

    /// Appends `count` zero bits.
    mutating func appendZeros(_ count: Int) {
        bits.append(contentsOf: repeatElement(false, count: count))
    }

    /// The bits packed into bytes; the count must be a multiple of 8.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<(start + 8)].reduce(UInt8(0)) { byte, bit in (byte << 1) | (bit ? 1 : 0) }
        }
    }
}
