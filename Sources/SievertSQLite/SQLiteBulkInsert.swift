import DoseCore
import Foundation
import GRDB
import GRDBSQLite
import SievertStorage

/// One row of a bulk insert bound straight to a cached statement through SQLite's C API, then stepped.
///
/// GRDB's `StatementArguments` box every value and the store's text forms (ids, dates) are built as Strings first:
/// for the million rows of a lab file that was most of the writer's time beside SQLite itself. Here ids and dates
/// are written into a stack buffer and copied by SQLite (`SQLITE_TRANSIENT`); nothing is allocated per value.
struct SQLiteBulkInsert {
    let db: Database
    let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
    }

    /// Binds `values` (one per `?`, in order) and runs the statement once.
    func insert(_ values: [Value]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(let text):
                var text = text
                code = text.withUTF8 { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
                }
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { raw in
                    // A zero-length blob is still a blob, not NULL: SQLite needs a non-nil pointer for that.
                    sqlite3_bind_blob(
                        handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count),
                        Self.transient)
                }
            case .identifier(let uuid):
                code = Self.withText(of: uuid) { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
                }
            case .date(let date):
                code = Self.withText(of: date) { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let code = sqlite3_step(handle)
        // The message is read before the reset, which may replace it.
        let failure = code == SQLITE_DONE ? nil : error(code)
        sqlite3_reset(handle)
        if let failure { throw failure }
    }

    /// A value as the store keeps it: ids and calendar dates as their text forms.
    enum Value {
        case null
        case integer(Int64)
        case text(String)
        case blob([UInt8])
        case identifier(UUID)
        case date(CalendarDate)

        static func optional<T>(_ value: T?, _ make: (T) -> Value) -> Value {
            value.map(make) ?? .null
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func withText<R>(of uuid: UUID, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            Identifier<PersonTag>.write(uuid, into: text)
            return body(UnsafeBufferPointer(text))
        }
    }

    static func withText<R>(of date: CalendarDate, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            date.writeISO(into: text)
            return body(UnsafeBufferPointer(text))
        }
    }
}
