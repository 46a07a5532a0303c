package dev.tern.server.storage;

import java.sql.SQLException;

/** A failure of the database, such as an SQL error or a database file that cannot be opened. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }

    /**
     * Returns the SQLSTATE of the first {@link SQLException} in the cause chain, or null when
     * there is none. Code 23505 is a unique-key violation in both H2 and PostgreSQL.
     */
    public String sqlState() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlException) {
                return sqlException.getSQLState();
            }
        }
        return null;
    }
}
