import PostgresNIO
import SievertStorage

/// Maps driver errors to `StoreError`, keeping SQL and bound values out of the message.
enum PostgresErrors {
    static func map(_ error: any Error) -> any Error {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError { return map(inner) }
            if let inner = error.commitError { return map(inner) }
            if let inner = error.beginError { return map(inner) }
            return StoreError.unavailable("transaction failed")
        }
        if let error = error as? PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "42501": return StoreError.outOfScope  // insufficient privilege, including RLS WITH CHECK
            case "23505": return StoreError.conflict(error.serverInfo?[.constraintName] ?? "unique")
            case "23503": return StoreError.notFound  // a reference to a row not visible in scope
            case let state?: return StoreError.unavailable("database error \(state)")
            case nil: return StoreError.unavailable("database connection error \(error.code)")
            }
        }
        return StoreError.unavailable(String(describing: type(of: error)))
    }
}
