import DoseCore
import GRDB
import SievertStorage

/// The SQL condition that keeps a query inside a scope; nil when the scope covers nothing.
struct SQLiteScopeFilter {
    let sql: String
    let arguments: StatementArguments

    init?(_ scope: StoreScope, column: String) {
        switch scope.organisations {
        case .all:
            sql = "1"
            arguments = []
        case .only(let ids):
            guard !ids.isEmpty else { return nil }
            sql = "\(column) IN (\(SQLiteRows.marks(ids.count)))"
            arguments = StatementArguments(ids.map(\.description))
        }
    }
}
