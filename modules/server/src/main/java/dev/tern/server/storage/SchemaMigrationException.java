package dev.tern.server.storage;

/**
 * A failure to bring a schema owner's schema to the version the code expects. The server
 * must not start after it.
 */
public final class SchemaMigrationException extends StorageException {

    private static final long serialVersionUID = 1L;

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchemaMigrationException(String message) {
        super(message);
    }
}
