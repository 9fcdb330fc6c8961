/// A lab file in Sievert's own reading format, large enough to take a while to import: `wearers` chest badges and
/// one control a month for `months` months from January 1986, and a reissued version 2 of one badge in 40. Doses
/// are invented and vary by wearer and month; about one reading in six is `M`. The same arguments give the same
/// file.
struct LabFile {
    let bytes: [UInt8]
    let codes: [String]
    /// Data rows.
    let rows: Int
    /// Dose entries one import makes (reissues' included; the entries they supersede still count here).
    let expectedEntries: Int

    init(wearers: Int, months: Int) {
        codes = (0..<wearers).map { "CW" + String(100_000 + $0) }
        var text = "serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version\r\n"
        var rows = 0
        var entries = 0
        var reissues: [String] = []
        for month in 0..<months {
            let (begin, end) = Self.period(month)
            text += "C\(month),,control,none,\(begin),\(end),0.05,0.04,,,1\r\n"
            rows += 1
            for (wearer, code) in codes.enumerated() {
                let serial = "B\(month)-\(wearer)"
                let prefix = "\(serial),\(code),whole-body,chest,\(begin),\(end)"
                text += "\(prefix),\(Self.dose(wearer, month, 0)),\(Self.dose(wearer, month, 1)),,,1\r\n"
                rows += 1
                entries += 2
                if (wearer + month) % 40 == 0 {
                    reissues.append("\(prefix),\(Self.dose(wearer, month, 2)),\(Self.dose(wearer, month, 3)),,,2\r\n")
                }
            }
        }
        for line in reissues { text += line }
        self.bytes = Array(text.utf8)
        self.rows = rows + reissues.count
        self.expectedEntries = entries + 2 * reissues.count
    }

    /// The first and last day of month `index` counted from January 1986, as ISO dates.
    static func period(_ index: Int) -> (String, String) {
        let year = 1986 + index / 12
        let month = index % 12 + 1
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let mm = month < 10 ? "0\(month)" : "\(month)"
        return ("\(year)-\(mm)-01", "\(year)-\(mm)-\(days)")
    }

    /// A dose cell: `M` or 0.00–2.99 mSv.
    static func dose(_ wearer: Int, _ month: Int, _ salt: Int) -> String {
        let value = (wearer &* 7_919 &+ month &* 104_729 &+ salt &* 15_485_863) % 1_800
        guard value % 6 != 0 else { return "M" }
        let hundredths = value % 300
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
