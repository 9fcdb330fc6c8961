import GRDB

extension Database {
    /// The rows of `sql`, through this connection's statement cache (the store's reads are a fixed set of shapes,
    /// and compiling one again for every small read was a fifth of a dose-history request's time), each decoded
    /// by `decode` where the statement stands.
    ///
    /// A row GRDB copies out of a statement finds a column by name by lower-casing every column name until one
    /// matches: a person's row, read by twenty names, made hundreds of strings. A row read in place looks its
    /// columns up in a table built once per statement. `decode` must not keep the row.
    func cachedRows<Value>(
        sql: String, arguments: StatementArguments = StatementArguments(), as decode: (Row) throws -> Value
    ) throws -> [Value] {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        // A cursor resets its statement when it goes: it is kept until every row is decoded.
        return try withExtendedLifetime(cursor) {
            var values: [Value] = []
            while let row = try cursor.next() { values.append(try decode(row)) }
            return values
        }
    }

    /// The first row of `sql`, if any, decoded in place by `decode` (see ``cachedRows(sql:arguments:as:)``).
    func cachedRow<Value>(
        sql: String, arguments: StatementArguments = StatementArguments(), as decode: (Row) throws -> Value
    ) throws -> Value? {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        return try withExtendedLifetime(cursor) { try cursor.next().map(decode) }
    }
}
