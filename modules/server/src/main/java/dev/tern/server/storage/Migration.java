package dev.tern.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One step of a schema owner's schema history: it moves the owner's schema from the
 * previous version to {@code version}.
 *
 * <p>Once released, a migration must never change, because databases that already applied
 * it will not run it again. Write portable SQL: standard types such as {@code VARCHAR},
 * {@code INTEGER}, {@code BIGINT}, {@code BOOLEAN} and {@code TIMESTAMP WITH TIME ZONE}, and
 * text (for example Base64) in place of binary columns.
 *
 * @param version the schema version after this step, at least 1
 * @param description what the step changes, stored in {@code schema_version}
 * @param callback the code that applies the change
 */
public record Migration(int version, String description, MigrationCallback callback) {

    /** The maximum length of a description, which is the width of its column. */
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration version is " + version + ", but must be at least 1");
        }
        Objects.requireNonNull(description, "description");
        if (description.isBlank() || description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("Description of migration version " + version
                    + " must be non-blank and at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        Objects.requireNonNull(callback, "callback");
    }

    /** Creates a migration that runs {@code statements} in order. */
    public static Migration ofSql(int version, String description, String... statements) {
        List<String> statementList = List.of(statements);
        if (statementList.isEmpty()) {
            throw new IllegalArgumentException("Migration version " + version + " has no SQL statements");
        }
        return new Migration(version, description, connection -> runStatements(connection, statementList));
    }

    /** Creates a migration that runs Java code. */
    public static Migration ofCallback(int version, String description, MigrationCallback callback) {
        return new Migration(version, description, callback);
    }

    private static void runStatements(Connection connection, List<String> statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    // Name the statement, so that the start-up error shows which one failed.
                    throw new SQLException(e.getMessage() + " in statement: " + sql, e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }
}
