package dev.tern.server.storage;

/**
 * The versions of one schema owner's schema before and after {@link SchemaMigrator#migrate()}.
 * Version 0 means that nothing was applied.
 */
public record MigrationResult(String owner, int fromVersion, int toVersion) {

    /** Returns whether any migration ran. */
    public boolean changed() {
        return fromVersion != toVersion;
    }
}
