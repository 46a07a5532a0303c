package dev.tern.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A relational database that stores the server's state, reached through JDBC.
 *
 * <p>{@link H2Database} is the embedded implementation. Code on top of this interface
 * keeps its SQL portable (standard types and statements) so that another backend,
 * PostgreSQL for example, can implement it later.
 */
public interface Database extends AutoCloseable {

    /**
     * Opens a connection in auto-commit mode. The caller must close it, which returns it to
     * the pool.
     *
     * @throws SQLException if the database is closed or no connection became free in time
     */
    Connection openConnection() throws SQLException;

    /**
     * Runs {@code work} in one transaction: commits when it returns and rolls back when it
     * throws.
     *
     * @return the value that {@code work} returns
     * @throws StorageException wrapping the {@link SQLException} that {@code work}, the
     *     commit or the rollback raised; runtime exceptions from {@code work} pass through
     *     unchanged after the rollback
     */
    default <T> T inTransaction(TransactionCallback<T> work) {
        try (Connection connection = openConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("Database transaction failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work}, which may change the schema, so that when it throws, both schema
     * and data return to their state before it.
     *
     * <p>This default runs one transaction, which is enough for databases whose DDL
     * statements are transactional, as PostgreSQL's are. Implementations whose DDL
     * statements commit implicitly must override it. The caller must make sure that nothing
     * else uses the database meanwhile.
     */
    default <T> T inSchemaTransaction(TransactionCallback<T> work) {
        return inTransaction(work);
    }

    /** Closes the database so that its files are consistent; later calls do nothing. */
    @Override
    void close();

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }
}
