/// The BCH codes protecting the format and version information (ISO/IEC 18004:2015, 7.9 and 7.10, Annex C and D).
enum BCHCode {
    /// The 15 format-information bits for a level and mask number, already XOR-ed with the 0x5412 mask.
    static func formatInformation(correction: ErrorCorrection, mask: Int) -> Int {
        let data = correction.formatBits << 3 | mask
        // The fixed XOR keeps the all-zero combination from producing an all-light format area.
        return (data << 10 | remainder(of: data, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// The 18 version-information bits: the 6-bit version followed by its 12-bit (18, 6) Golay check.
    static func versionInformation(version: Int) -> Int {
        version << 12 | remainder(of: version, generator: 0x1F25, degree: 12)
    }

    /// The remainder of `data`·x^degree divided by `generator` over GF(2).
    private static func remainder(of data: Int, generator: Int, degree: Int) -> Int {
        var value = data
        for _ in 0..<degree {
            value = (value << 1) ^ ((value >> (degree - 1)) * generator)
        }
        return value
    }
}
