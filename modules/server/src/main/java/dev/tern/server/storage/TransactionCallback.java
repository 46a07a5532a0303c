package dev.tern.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that runs inside a transaction of a {@link Database}.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface TransactionCallback<T> {

    /**
     * Runs the work on {@code connection}, which has auto-commit off. The callback must not
     * commit, roll back or close the connection, because the database does that.
     */
    T run(Connection connection) throws SQLException;
}
