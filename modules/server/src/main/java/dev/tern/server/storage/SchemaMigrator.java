package dev.tern.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings each schema owner's tables to the latest version that its registered migrations define.
 *
 * <p>A schema owner is a part of the server with its own tables: the server core, or a
 * feature module such as {@code roster}. Each owner registers its migrations in version
 * order. The table {@code schema_version(owner, version, description, applied_at)} keeps one
 * row per applied migration, and an owner's schema version is the highest version recorded
 * for it. {@link #migrate()} runs each owner's pending migrations in order inside one schema
 * transaction ({@link Database#inSchemaTransaction}): when one fails, the owner's schema stays
 * at the version it had before, and start-up must stop.
 *
 * <p>Owners that are recorded in the database but not registered (a module that is switched
 * off, for example) are left alone.
 */
public final class SchemaMigrator {

    /** The maximum length of an owner name, which is the width of its column. */
    public static final int MAX_OWNER_LENGTH = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                owner VARCHAR(100) NOT NULL,
                version INTEGER NOT NULL,
                description VARCHAR(1000) NOT NULL,
                applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
                PRIMARY KEY (owner, version)
            )""";

    private final Database database;
    private final Clock clock;
    private final Map<String, List<Migration>> migrationsByOwner = new LinkedHashMap<>();

    public SchemaMigrator(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SchemaMigrator(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * Registers the migrations of {@code owner}. Versions must be strictly increasing. Gaps
     * are allowed, so a withdrawn migration can leave its number unused.
     *
     * @return this migrator
     * @throws IllegalArgumentException if the owner name is blank or too long, the owner is
     *     already registered, or the versions are not strictly increasing
     */
    public synchronized SchemaMigrator register(String owner, List<Migration> migrations) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("Schema owner '" + owner + "' must be non-blank and at most "
                    + MAX_OWNER_LENGTH + " characters");
        }
        if (migrationsByOwner.containsKey(owner)) {
            throw new IllegalArgumentException("Schema owner '" + owner + "' is already registered");
        }
        List<Migration> ordered = List.copyOf(migrations);
        for (int i = 1; i < ordered.size(); i++) {
            int previous = ordered.get(i - 1).version();
            int current = ordered.get(i).version();
            if (current <= previous) {
                throw new IllegalArgumentException("Migrations of schema owner '" + owner
                        + "' must have strictly increasing versions, but version " + current + " follows " + previous);
            }
        }
        migrationsByOwner.put(owner, ordered);
        return this;
    }

    /**
     * Runs the pending migrations of every registered owner, in registration order. Calling
     * it again runs only migrations registered since.
     *
     * @return one result per registered owner
     * @throws SchemaMigrationException if a migration fails, naming the owner, the version and
     *     the SQL error, or if the database has a newer version than the registered migrations
     */
    public synchronized List<MigrationResult> migrate() {
        createVersionTable();
        List<MigrationResult> results = new ArrayList<>();
        for (Map.Entry<String, List<Migration>> entry : migrationsByOwner.entrySet()) {
            results.add(migrateOwner(entry.getKey(), entry.getValue()));
        }
        return results;
    }

    /**
     * Returns the schema version of {@code owner} recorded in the database, or 0 when none
     * of its migrations ran.
     */
    public int currentVersion(String owner) {
        createVersionTable();
        try (Connection connection = database.openConnection()) {
            return readVersion(connection, owner);
        } catch (SQLException e) {
            throw new StorageException("Reading the schema version of owner '" + owner + "' failed: "
                    + e.getMessage(), e);
        }
    }

    private MigrationResult migrateOwner(String owner, List<Migration> migrations) {
        int current = currentVersion(owner);
        int latestKnown = migrations.isEmpty() ? 0 : migrations.getLast().version();
        if (current > latestKnown) {
            throw new SchemaMigrationException("Schema of owner '" + owner + "' is at version " + current
                    + ", but the latest migration of this server is version " + latestKnown
                    + ". Run the Tern release that wrote this database, or restore a backup made before it");
        }

        List<Migration> pending = migrations.stream().filter(m -> m.version() > current).toList();
        if (pending.isEmpty()) {
            return new MigrationResult(owner, current, current);
        }

        database.inSchemaTransaction(connection -> {
            for (Migration migration : pending) {
                apply(connection, owner, current, migration);
            }
            return null;
        });
        int target = pending.getLast().version();
        LOG.info("Migrated schema of owner '{}' from version {} to {}", owner, current, target);
        return new MigrationResult(owner, current, target);
    }

    private void apply(Connection connection, String owner, int startVersion, Migration migration) {
        try {
            migration.callback().migrate(connection);
            recordVersion(connection, owner, migration);
        } catch (SQLException | RuntimeException e) {
            throw new SchemaMigrationException("Migration of schema owner '" + owner + "' to version "
                    + migration.version() + " (" + migration.description() + ") failed: " + e.getMessage()
                    + ". The schema stays at version " + startVersion
                    + "; fix the migration or the database and start the server again", e);
        }
    }

    private void recordVersion(Connection connection, String owner, Migration migration) throws SQLException {
        String sql = "INSERT INTO schema_version (owner, version, description, applied_at) VALUES (?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, owner);
            insert.setInt(2, migration.version());
            insert.setString(3, migration.description());
            insert.setObject(4, OffsetDateTime.now(clock));
            insert.executeUpdate();
        }
    }

    private static int readVersion(Connection connection, String owner) throws SQLException {
        String sql = "SELECT MAX(version) FROM schema_version WHERE owner = ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, owner);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private void createVersionTable() {
        try (Connection connection = database.openConnection(); Statement statement = connection.createStatement()) {
            statement.execute(CREATE_VERSION_TABLE);
        } catch (SQLException e) {
            throw new StorageException("Creating table schema_version failed: " + e.getMessage(), e);
        }
    }
}
