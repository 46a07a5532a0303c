package dev.tern.xmpp.api.module;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A module's access to the server's database. A module creates and changes its own tables
 * only through migrations it owns, so its schema is versioned apart from every other module's.
 * Keep SQL portable (standard types and statements): the embedded default is H2, and other
 * databases may back the same interface.
 */
public interface ModuleStorage {

    /**
     * Applies the migrations not yet applied for this module, in version order, each in a
     * transaction. Call it from {@link FeatureModule#start}.
     */
    void migrate(List<SchemaMigration> migrations);

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(SqlWork<T> work);

    /** One versioned schema change. */
    record SchemaMigration(int version, String description, List<String> statements) {
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
