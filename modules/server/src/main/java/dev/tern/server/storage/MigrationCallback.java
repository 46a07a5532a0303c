package dev.tern.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** The Java code of a {@link Migration}, for changes that plain SQL statements cannot express. */
@FunctionalInterface
public interface MigrationCallback {

    /**
     * Applies the change on {@code connection}, which is inside the migration's transaction.
     * The callback must not commit, roll back or close the connection.
     */
    void migrate(Connection connection) throws SQLException;
}
