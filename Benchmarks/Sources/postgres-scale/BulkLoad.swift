import BenchmarkFixtures
import DoseCore
import Foundation
import PostgresNIO
import SievertPostgres
import SievertStorage

/// The bulk path: as the application role, with every organisation in scope, each month's sealed entries are
/// copied (COPY … FROM STDIN, text format) into a temporary table and moved into `dose_entries` with one
/// INSERT … SELECT, so row-level security's WITH CHECK, the references and the id trigger apply to every row as
/// they do to the store's own insert (COPY cannot write to a table under row-level security directly). A year per
/// transaction; the next month is sealed while the current one is written.
struct BulkLoad {
    let settings: ScaleSettings
    let plan: EntryPlan

    static let columns = [
        "id", "organisation_id", "employment_id", "person_id", "period_begin", "period_end", "quantity", "kind",
        "supersedes", "amount", "recorded_at", "reading_id",
    ]

    /// Writes `months`; returns the rows written and the first wearer's effective dose among them (µSv).
    func run(months: Range<Int>) async throws -> (rows: Int, firstWearerEffective: Int64) {
        let client = PostgresClient(
            configuration: settings.app.configuration(maximumConnections: 1), backgroundLogger: ScaleSettings.silent)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await client.withConnection { connection in
                let logger = ScaleSettings.silent
                try await connection.query("SET temp_buffers = '256MB'", logger: logger)
                try await connection.query(
                    "CREATE TEMPORARY TABLE dose_load (LIKE dose_entries) ON COMMIT DELETE ROWS", logger: logger)
                var rows = 0
                var effective: Int64 = 0
                let plan = self.plan
                var next = Task { try await plan.sealedMonth(months.lowerBound) }
                var month = months.lowerBound
                while month < months.upperBound {
                    let yearEnd = min(months.upperBound, (month / 12 + 1) * 12)
                    try await connection.withTransaction(logger: logger) { transaction in
                        try await transaction.query(
                            "SELECT set_config('sievert.all_organisations', 'on', true)", logger: logger)
                        while month < yearEnd {
                            let batch = try await next.value
                            let following = month + 1
                            if following < months.upperBound {
                                next = Task { try await plan.sealedMonth(following) }
                            }
                            try await Self.copy(batch.rows, into: transaction, logger: logger)
                            try await transaction.query(
                                "INSERT INTO dose_entries SELECT * FROM dose_load", logger: logger)
                            try await transaction.query("TRUNCATE dose_load", logger: logger)
                            rows += batch.rows.count
                            effective += batch.firstWearerEffective
                            month += 1
                        }
                    }
                    if month % 60 == 0 { log("  copy path: \(month) of \(months.upperBound) months, \(rows) entries") }
                }
                return (rows, effective)
            }
        }
    }

    /// Streams rows in COPY's text format: tab-separated, `\N` for null, bytea as `\\x` and hex.
    static func copy(_ rows: [DoseEntryRow], into connection: PostgresConnection, logger: Logger) async throws {
        try await connection.copyFrom(table: "dose_load", columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                line(row, into: &buffer)
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func line(_ row: DoseEntryRow, into buffer: inout ByteBuffer) {
        for field in [
            row.id.description, row.organisationID.description, row.employmentID.description,
            row.personID.description, row.periodBegin.iso, row.periodEnd.iso, row.quantity, row.kind,
        ] {
            buffer.writeString(field)
            buffer.writeInteger(UInt8(ascii: "\t"))
        }
        buffer.writeString(row.supersedes?.description ?? "\\N")
        buffer.writeString("\t\\\\x")
        for byte in row.sealedAmount {
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0x0F)])
        }
        buffer.writeInteger(UInt8(ascii: "\t"))
        timestamp(row.recordedAt, into: &buffer)
        buffer.writeString("\t")
        buffer.writeString(row.readingID?.description ?? "\\N")
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}

extension BulkLoad {
    /// `YYYY-MM-DD HH:MM:SS.mmm+00` for a time in UTC, from the day count (``GregorianDays``), because Foundation's
    /// formatters cost more than the rest of a row.
    static func timestamp(_ date: Date, into buffer: inout ByteBuffer) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds.quotientFloor(1000)
        let days = seconds.quotientFloor(86_400)
        let second = Int(seconds - days * 86_400)
        let (year, month, day) = GregorianDays.civil(daysSince1970: Int(days))
        func digits(_ value: some BinaryInteger, _ width: Int) {
            var text = String(value)
            while text.count < width { text = "0" + text }
            buffer.writeString(text)
        }
        digits(year, 4)
        buffer.writeString("-")
        digits(month, 2)
        buffer.writeString("-")
        digits(day, 2)
        buffer.writeString(" ")
        digits(second / 3600, 2)
        buffer.writeString(":")
        digits(second / 60 % 60, 2)
        buffer.writeString(":")
        digits(second % 60, 2)
        buffer.writeString(".")
        digits(milliseconds - seconds * 1000, 3)
        buffer.writeString("+00")
    }
}

extension Int64 {
    fileprivate func quotientFloor(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }
}
