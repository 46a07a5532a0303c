package dev.tern.server.storage;

import static dev.tern.server.storage.H2DatabaseTest.queryStrings;
import static dev.tern.server.storage.H2DatabaseTest.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static final Migration CREATE_NOTES =
            Migration.ofSql(1, "Create notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100))");
    private static final Migration ADD_TITLE =
            Migration.ofSql(2, "Add title", "ALTER TABLE notes ADD COLUMN title VARCHAR(100)");

    @TempDir
    Path tempDir;

    private H2Database database;

    @BeforeEach
    void openDatabase() {
        database = H2Database.open(tempDir);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void freshDatabaseRunsAllMigrations() throws SQLException {
        List<MigrationResult> results = new SchemaMigrator(database, CLOCK)
                .register("notes", List.of(CREATE_NOTES, ADD_TITLE))
                .migrate();

        assertThat(results).containsExactly(new MigrationResult("notes", 0, 2));
        assertThat(queryStrings(database,
                "SELECT owner || ' ' || version || ' ' || description FROM schema_version ORDER BY version"))
                .containsExactly("notes 1 Create notes", "notes 2 Add title");
        assertThat(queryStrings(database, "SELECT title FROM notes")).isEmpty();
    }

    @Test
    void appliedAtComesFromClock() throws SQLException {
        new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES)).migrate();

        List<String> appliedAt = queryStrings(database, "SELECT applied_at FROM schema_version");

        assertThat(appliedAt).hasSize(1);
        assertThat(appliedAt.getFirst()).startsWith("2025-01-02 03:04:05");
    }

    @Test
    void appliedMigrationsNeverRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        Migration counted = Migration.ofCallback(1, "Count runs", connection -> runs.incrementAndGet());

        new SchemaMigrator(database, CLOCK).register("counter", List.of(counted)).migrate();
        List<MigrationResult> second = new SchemaMigrator(database, CLOCK).register("counter", List.of(counted)).migrate();

        assertThat(runs).hasValue(1);
        assertThat(second).containsExactly(new MigrationResult("counter", 1, 1));
        assertThat(second.getFirst().changed()).isFalse();
    }

    @Test
    void newMigrationsRunAfterApplied() throws SQLException {
        new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES)).migrate();

        List<MigrationResult> results = new SchemaMigrator(database, CLOCK)
                .register("notes", List.of(CREATE_NOTES, ADD_TITLE))
                .migrate();

        assertThat(results).containsExactly(new MigrationResult("notes", 1, 2));
        assertThat(queryStrings(database, "SELECT title FROM notes")).isEmpty();
    }

    @Test
    void survivesReopenOfDatabase() {
        new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES)).migrate();
        database.close();
        database = H2Database.open(tempDir);

        SchemaMigrator migrator = new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES, ADD_TITLE));

        assertThat(migrator.currentVersion("notes")).isEqualTo(1);
        assertThat(migrator.migrate()).containsExactly(new MigrationResult("notes", 1, 2));
    }

    @Test
    void failedMigrationLeavesPreviousVersion() throws SQLException {
        new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES)).migrate();
        Migration broken = Migration.ofSql(2, "Add archive",
                "CREATE TABLE archive (id INTEGER)",
                "INSERT INTO archive (id) VALUES (1)",
                "ALTER TABLE no_such_table ADD COLUMN x INTEGER");
        SchemaMigrator migrator = new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES, broken));

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("owner 'notes'")
                .hasMessageContaining("version 2 (Add archive)")
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("stays at version 1");

        assertThat(migrator.currentVersion("notes")).isEqualTo(1);
        assertThat(tableExists(database, "archive")).isFalse();
        assertThat(tableExists(database, "notes")).isTrue();
    }

    @Test
    void failedBatchUndoesWholeRun() {
        Migration broken = Migration.ofCallback(2, "Fail in Java", connection -> {
            throw new SQLException("deliberate failure");
        });
        SchemaMigrator migrator = new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES, broken));

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("deliberate failure")
                .hasMessageContaining("stays at version 0");

        assertThat(migrator.currentVersion("notes")).isZero();
    }

    @Test
    void newerDatabaseVersionFailsStart() {
        new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES, ADD_TITLE)).migrate();

        SchemaMigrator older = new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES));

        assertThatThrownBy(older::migrate)
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("owner 'notes' is at version 2")
                .hasMessageContaining("latest migration of this server is version 1");
    }

    @Test
    void ownersHaveIndependentVersions() {
        Migration createTags = Migration.ofSql(1, "Create tags", "CREATE TABLE tags (name VARCHAR(50))");

        List<MigrationResult> results = new SchemaMigrator(database, CLOCK)
                .register("notes", List.of(CREATE_NOTES, ADD_TITLE))
                .register("tags", List.of(createTags))
                .migrate();

        assertThat(results).containsExactly(new MigrationResult("notes", 0, 2), new MigrationResult("tags", 0, 1));
    }

    @Test
    void unregisteredOwnersAreLeftAlone() {
        new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES, ADD_TITLE)).migrate();

        SchemaMigrator other = new SchemaMigrator(database, CLOCK)
                .register("tags", List.of(Migration.ofSql(1, "Create tags", "CREATE TABLE tags (name VARCHAR(50))")));

        assertThat(other.migrate()).containsExactly(new MigrationResult("tags", 0, 1));
        assertThat(other.currentVersion("notes")).isEqualTo(2);
    }

    @Test
    void registerRejectsUnorderedVersions() {
        SchemaMigrator migrator = new SchemaMigrator(database, CLOCK);

        assertThatThrownBy(() -> migrator.register("notes", List.of(ADD_TITLE, CREATE_NOTES)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1 follows 2");
    }

    @Test
    void registerRejectsDuplicateOwner() {
        SchemaMigrator migrator = new SchemaMigrator(database, CLOCK).register("notes", List.of(CREATE_NOTES));

        assertThatThrownBy(() -> migrator.register("notes", List.of(CREATE_NOTES)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
    }

    @Test
    void migrationRejectsVersionZero() {
        assertThatThrownBy(() -> Migration.ofSql(0, "Zero", "SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
