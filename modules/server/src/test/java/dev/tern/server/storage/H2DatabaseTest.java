package dev.tern.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2DatabaseTest {

    @TempDir
    Path tempDir;

    @Test
    void openCreatesDataDirectoryAndFile() {
        Path dataDir = tempDir.resolve("data");

        try (H2Database database = H2Database.open(dataDir)) {
            boolean valid = database.inTransaction(connection -> connection.isValid(1));
            assertThat(valid).isTrue();
            assertThat(dataDir).isDirectory();
            assertThat(dataDir.resolve("tern.mv.db")).isRegularFile();
        }
    }

    @Test
    void committedDataSurvivesCloseAndReopen() throws SQLException {
        try (H2Database database = H2Database.open(tempDir)) {
            database.inTransaction(connection -> execute(connection,
                    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100))",
                    "INSERT INTO notes (id, body) VALUES (1, 'kept')"));
        }

        try (H2Database database = H2Database.open(tempDir)) {
            assertThat(queryStrings(database, "SELECT body FROM notes")).containsExactly("kept");
        }
    }

    @Test
    void transactionRollsBackWhenWorkThrows() throws SQLException {
        try (H2Database database = H2Database.open(tempDir)) {
            database.inTransaction(connection -> execute(connection,
                    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100))"));

            assertThatThrownBy(() -> database.inTransaction(connection -> {
                execute(connection, "INSERT INTO notes (id, body) VALUES (1, 'lost')");
                throw new IllegalStateException("abort on purpose");
            })).isInstanceOf(IllegalStateException.class).hasMessage("abort on purpose");

            assertThat(queryStrings(database, "SELECT body FROM notes")).isEmpty();
        }
    }

    @Test
    void transactionWrapsSqlErrorInStorageException() {
        try (H2Database database = H2Database.open(tempDir)) {
            assertThatThrownBy(() -> database.inTransaction(connection -> execute(connection, "SELECT * FROM missing")))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("missing")
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void schemaTransactionUndoesDdlWhenWorkThrows() throws SQLException {
        try (H2Database database = H2Database.open(tempDir)) {
            database.inTransaction(connection -> execute(connection,
                    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100))",
                    "INSERT INTO notes (id, body) VALUES (1, 'it''s kept')"));

            assertThatThrownBy(() -> database.inSchemaTransaction(connection -> {
                // H2 commits before each DDL statement, so only the checkpoint can undo these.
                execute(connection,
                        "CREATE TABLE added (id INTEGER)",
                        "INSERT INTO notes (id, body) VALUES (2, 'lost')",
                        "DROP TABLE notes");
                throw new IllegalStateException("abort on purpose");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(queryStrings(database, "SELECT body FROM notes")).containsExactly("it's kept");
            assertThat(tableExists(database, "added")).isFalse();
            assertThat(tempDir.resolve("tern-schema-checkpoint.sql")).doesNotExist();
        }
    }

    @Test
    void schemaTransactionKeepsChangesWhenWorkSucceeds() throws SQLException {
        try (H2Database database = H2Database.open(tempDir)) {
            database.inSchemaTransaction(connection -> execute(connection, "CREATE TABLE added (id INTEGER)"));

            assertThat(tableExists(database, "added")).isTrue();
            assertThat(tempDir.resolve("tern-schema-checkpoint.sql")).doesNotExist();
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        H2Database database = H2Database.open(tempDir);

        database.close();
        database.close();

        assertThatThrownBy(database::openConnection).isInstanceOf(SQLException.class);
    }

    @Test
    void openRejectsSemicolonInPath() {
        assertThatThrownBy(() -> H2Database.open(tempDir.resolve("a;b")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("semicolon");
        assertThat(Files.exists(tempDir.resolve("a;b"))).isFalse();
    }

    static Void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return null;
    }

    static List<String> queryStrings(Database database, String sql) throws SQLException {
        try (Connection connection = database.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static boolean tableExists(Database database, String table) throws SQLException {
        try (Connection connection = database.openConnection();
                ResultSet rows = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rows.next();
        }
    }
}
