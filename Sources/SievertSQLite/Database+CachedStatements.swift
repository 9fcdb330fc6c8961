import GRDB

extension Database {
    /// The rows of `sql` through this connection's statement cache. The store's reads are a fixed set of shapes,
    /// and compiling one again for every small read was a fifth of a dose-history request's time.
    func cachedRows(sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first row of `sql`, if any, through this connection's statement cache.
    func cachedRow(sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
