package dev.tern.server.module;

import dev.tern.server.storage.Database;
import dev.tern.server.storage.Migration;
import dev.tern.server.storage.SchemaMigrator;
import dev.tern.xmpp.api.module.ModuleStorage;
import java.util.List;
import java.util.Objects;

/**
 * A module's storage on the server's {@link Database}. The module's name is the schema owner in
 * {@code schema_version}, so each module's tables have a version history of their own.
 */
final class DatabaseModuleStorage implements ModuleStorage {

    private final Database database;
    private final String owner;

    DatabaseModuleStorage(Database database, String owner) {
        this.database = Objects.requireNonNull(database, "database");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * Applies the pending migrations of this module.
     *
     * @throws dev.tern.server.storage.SchemaMigrationException when one fails; the module's
     *     schema stays at the version it had before, and the module's start fails
     */
    @Override
    public void migrate(List<SchemaMigration> migrations) {
        List<Migration> converted = migrations.stream()
                .map(migration -> Migration.ofSql(migration.version(), migration.description(),
                        migration.statements().toArray(String[]::new)))
                .toList();
        new SchemaMigrator(database).register(owner, converted).migrate();
    }

    /** @throws dev.tern.server.storage.StorageException wrapping the SQL error, after the rollback */
    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        Objects.requireNonNull(work, "work");
        return database.inTransaction(work::run);
    }
}
