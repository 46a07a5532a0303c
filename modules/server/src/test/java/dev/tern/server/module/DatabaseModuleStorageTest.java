package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.server.storage.H2Database;
import dev.tern.server.storage.SchemaMigrator;
import dev.tern.server.storage.StorageException;
import dev.tern.xmpp.api.module.ModuleStorage.SchemaMigration;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseModuleStorageTest {

    private static final SchemaMigration NOTES_TABLE = new SchemaMigration(1, "Create notes",
            List.of("CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100) NOT NULL)"));
    private static final SchemaMigration NOTES_AUTHOR = new SchemaMigration(2, "Add author",
            List.of("ALTER TABLE notes ADD COLUMN author VARCHAR(100)"));

    @TempDir
    Path directory;

    private H2Database database;

    @BeforeEach
    void openDatabase() {
        database = H2Database.open(directory);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void migrationsAreOwnedByModule() {
        DatabaseModuleStorage notes = new DatabaseModuleStorage(database, "notes");

        notes.migrate(List.of(NOTES_TABLE));
        notes.migrate(List.of(NOTES_TABLE, NOTES_AUTHOR));

        SchemaMigrator migrator = new SchemaMigrator(database);
        assertThat(migrator.currentVersion("notes")).isEqualTo(2);
        assertThat(migrator.currentVersion("other")).isZero();
    }

    @Test
    void transactionRollsBackOnFailure() {
        DatabaseModuleStorage notes = new DatabaseModuleStorage(database, "notes");
        notes.migrate(List.of(NOTES_TABLE));

        assertThatThrownBy(() -> notes.inTransaction(connection -> {
            insert(connection, 1, "first");
            insert(connection, 1, "duplicate key");
            return null;
        })).isInstanceOf(StorageException.class);

        int rows = notes.inTransaction(connection -> {
            try (ResultSet result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM notes")) {
                result.next();
                return result.getInt(1);
            }
        });
        assertThat(rows).isZero();
    }

    private static void insert(java.sql.Connection connection, int id, String body) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO notes (id, body) VALUES (?, ?)")) {
            statement.setInt(1, id);
            statement.setString(2, body);
            statement.executeUpdate();
        }
    }
}
