package dev.tern.server.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database, stored as {@code tern.mv.db} in the data directory and reached
 * through H2's {@link JdbcConnectionPool}.
 *
 * <p>H2 runs in its PostgreSQL compatibility mode with lower-case identifiers, so that SQL
 * written against it also runs on PostgreSQL. H2 locks the file, so only one server can use
 * a data directory at a time.
 */
public final class H2Database implements Database {

    /** The pool size when the caller names none. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(H2Database.class);

    private static final String DATABASE_NAME = "tern";
    private static final String CHECKPOINT_FILE_NAME = "tern-schema-checkpoint.sql";

    // DB_CLOSE_ON_EXIT=FALSE leaves the shutdown to close(), which the server calls in order.
    private static final String URL_SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

    private final Path dataDirectory;
    private final JdbcConnectionPool pool;
    private volatile boolean closed;

    private H2Database(Path dataDirectory, JdbcConnectionPool pool) {
        this.dataDirectory = dataDirectory;
        this.pool = pool;
    }

    /** Opens the database in {@code dataDirectory} with {@value #DEFAULT_MAX_CONNECTIONS} pooled connections. */
    public static H2Database open(Path dataDirectory) {
        return open(dataDirectory, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Opens the database in {@code dataDirectory}, creating the directory (readable only by
     * its owner) and an empty database when they do not exist.
     *
     * @throws StorageException if the directory cannot be created, or the database file is
     *     locked by another process or cannot be opened
     */
    public static H2Database open(Path dataDirectory, int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections is " + maxConnections + ", but must be at least 1");
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        if (directory.toString().indexOf(';') >= 0) {
            // H2 reads everything after a semicolon in the URL as a setting.
            throw new StorageException("Data directory '" + directory
                    + "' contains a semicolon, which H2 cannot use in a file name; choose another data directory");
        }
        createDirectory(directory);

        String url = "jdbc:h2:file:" + directory.resolve(DATABASE_NAME) + URL_SETTINGS;
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(maxConnections);

        // Open one connection now, so that a locked or damaged file fails the start here.
        try {
            pool.getConnection().close();
        } catch (SQLException e) {
            pool.dispose();
            throw openFailure(directory, e);
        }
        LOG.info("Opened H2 database in '{}'", directory);
        return new H2Database(directory, pool);
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new SQLException("Database in '" + dataDirectory + "' is closed");
        }
        return pool.getConnection();
    }

    /**
     * Runs {@code work} with a checkpoint: H2 commits before every DDL statement, so a
     * rollback cannot undo a failed schema change. This method first writes the whole
     * database as SQL to {@value #CHECKPOINT_FILE_NAME} in the data directory, and when
     * {@code work} throws, drops all objects and runs that script to restore them.
     *
     * <p>NOTE: writing the checkpoint takes time proportional to the database size. The
     * server pays it only when a migration is pending.
     */
    @Override
    public <T> T inSchemaTransaction(TransactionCallback<T> work) {
        Path checkpoint = dataDirectory.resolve(CHECKPOINT_FILE_NAME);
        runScriptCommand("SCRIPT TO ", checkpoint);

        T result;
        try {
            result = inTransaction(work);
        } catch (RuntimeException failure) {
            restoreCheckpoint(checkpoint, failure);
            throw failure;
        }

        deleteCheckpoint(checkpoint);
        return result;
    }

    /**
     * Shuts the database down with H2's {@code SHUTDOWN}, which writes all changes to the
     * file, and closes the pool. The caller must stop all other users of the database first.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
            LOG.info("Closed H2 database in '{}'", dataDirectory);
        } catch (SQLException e) {
            LOG.warn("Shutdown of H2 database in '{}' failed", dataDirectory, e);
        } finally {
            pool.dispose();
        }
    }

    private void restoreCheckpoint(Path checkpoint, RuntimeException failure) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ALL OBJECTS");
            statement.execute("RUNSCRIPT FROM " + sqlStringLiteral(checkpoint));
            LOG.info("Restored H2 database in '{}' from checkpoint after a failed schema change", dataDirectory);
        } catch (SQLException restoreFailure) {
            failure.addSuppressed(new StorageException("Restoring the database from checkpoint '" + checkpoint
                    + "' failed: " + restoreFailure.getMessage()
                    + ". Stop the server and restore it with H2's RunScript tool from that file", restoreFailure));
            return;
        }
        deleteCheckpoint(checkpoint);
    }

    private void runScriptCommand(String command, Path file) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(command + sqlStringLiteral(file));
        } catch (SQLException e) {
            throw new StorageException("Writing the schema checkpoint '" + file + "' failed: " + e.getMessage(), e);
        }
    }

    private static void deleteCheckpoint(Path checkpoint) {
        try {
            Files.deleteIfExists(checkpoint);
        } catch (IOException e) {
            LOG.warn("Deleting schema checkpoint '{}' failed", checkpoint, e);
        }
    }

    private static String sqlStringLiteral(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    private static void createDirectory(Path directory) {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new StorageException("Creating data directory '" + directory + "' failed: " + e.getMessage()
                    + ". Check that the server may write to its parent", e);
        }
    }

    private static StorageException openFailure(Path directory, SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StorageException("Database in '" + directory
                    + "' is locked by another process. Stop the other Tern server that uses this data directory", e);
        }
        return new StorageException("Opening the database in '" + directory + "' failed: " + e.getMessage(), e);
    }
}
