package dev.tern.server.auth;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tern.server.storage.Database;
import dev.tern.server.storage.StorageException;

/**
 * The user accounts of the server and their SCRAM credentials, stored in a {@link Database}.
 *
 * <p>Passwords are never stored. Each account has one {@link ScramCredential} per
 * {@link ScramAlgorithm}, each with its own random salt, derived from the password after
 * {@link Passwords#prepare}.
 *
 * <p>Every method takes usernames already prepared as JID localparts with
 * {@link Usernames#prepare}. The caller prepares them, because the same rules decide which
 * JIDs address the account. {@link #create} rejects an unprepared username.
 *
 * <p>The tables come from {@link AccountSchema}, whose migrations must have run before the
 * constructor. All methods are thread-safe.
 */
public final class AccountStore implements CredentialSource {

    /** The maximum page size of {@link #list}. */
    public static final int MAX_PAGE_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

    private static final String DECOY_KEY_NAME = "scram-decoy-key";
    private static final int DECOY_KEY_LENGTH = 32;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;
    private final CredentialPolicy policy;
    private final SecureRandom random;
    private final Clock clock;
    private final DecoyCredentials decoys;

    /**
     * Creates the store, loading the decoy key from the database or storing a new one.
     *
     * @throws StorageException if the tables of {@link AccountSchema} are missing or the
     *     database fails
     */
    public AccountStore(Database database, CredentialPolicy policy, SecureRandom random, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoys = new DecoyCredentials(loadOrCreateDecoyKey());
    }

    public AccountStore(Database database, CredentialPolicy policy) {
        this(database, policy, new SecureRandom(), Clock.systemUTC());
    }

    /**
     * Creates an account with credentials for every {@link ScramAlgorithm}.
     *
     * @throws AccountExistsException if the account exists
     * @throws IllegalArgumentException if the username is not a prepared localpart or the
     *     password is invalid ({@link Passwords#prepare})
     */
    public void create(String username, String password) throws AccountExistsException {
        Usernames.requirePrepared(username);
        Map<ScramAlgorithm, ScramCredential> credentials = deriveCredentials(password);

        try {
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO accounts (username, created_at) VALUES (?, ?)")) {
                    insert.setString(1, username);
                    insert.setObject(2, OffsetDateTime.now(clock));
                    insert.executeUpdate();
                }
                insertCredentials(connection, username, credentials);
                return null;
            });
        } catch (StorageException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw new AccountExistsException(username);
            }
            throw e;
        }
        LOG.info("Created account '{}'", username);
    }

    /**
     * Deletes an account and its credentials.
     *
     * @return whether the account existed
     */
    public boolean delete(String username) {
        int deleted = database.inTransaction(connection -> {
            // Explicit, so the result does not depend on ON DELETE CASCADE support.
            try (PreparedStatement credentials = connection.prepareStatement(
                    "DELETE FROM scram_credentials WHERE username = ?")) {
                credentials.setString(1, username);
                credentials.executeUpdate();
            }
            try (PreparedStatement account = connection.prepareStatement("DELETE FROM accounts WHERE username = ?")) {
                account.setString(1, username);
                return account.executeUpdate();
            }
        });
        if (deleted > 0) {
            LOG.info("Deleted account '{}'", username);
        }
        return deleted > 0;
    }

    /** Returns whether the account exists. */
    public boolean exists(String username) {
        return database.inTransaction(connection -> accountExists(connection, username));
    }

    /**
     * Returns up to {@code limit} usernames that sort after {@code afterUsername}, in
     * ascending order. Pass null for the first page, then the last username of each page.
     *
     * <p>NOTE: the order is the database's string order. H2 compares UTF-16 code units, and
     * PostgreSQL uses the column's collation, which may differ for non-ASCII names.
     *
     * @throws IllegalArgumentException if {@code limit} is outside 1 to {@value #MAX_PAGE_SIZE}
     */
    public List<String> list(String afterUsername, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("Page size is " + limit + ", but must be from 1 to " + MAX_PAGE_SIZE);
        }
        String sql = afterUsername == null
                ? "SELECT username FROM accounts ORDER BY username FETCH FIRST ? ROWS ONLY"
                : "SELECT username FROM accounts WHERE username > ? ORDER BY username FETCH FIRST ? ROWS ONLY";
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                if (afterUsername != null) {
                    select.setString(index++, afterUsername);
                }
                select.setInt(index, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> usernames = new ArrayList<>();
                    while (rows.next()) {
                        usernames.add(rows.getString(1));
                    }
                    return usernames;
                }
            }
        });
    }

    /** Returns the number of accounts. */
    public long count() {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM accounts");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * Replaces the credentials of an account with new ones for {@code newPassword}, each with
     * a fresh salt and the policy's current iteration count.
     *
     * @throws AccountNotFoundException if the account does not exist
     * @throws IllegalArgumentException if the password is invalid ({@link Passwords#prepare})
     */
    public void changePassword(String username, String newPassword) throws AccountNotFoundException {
        Map<ScramAlgorithm, ScramCredential> credentials = deriveCredentials(newPassword);

        boolean changed = database.inTransaction(connection -> {
            if (!accountExists(connection, username)) {
                return false;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM scram_credentials WHERE username = ?")) {
                delete.setString(1, username);
                delete.executeUpdate();
            }
            insertCredentials(connection, username, credentials);
            return true;
        });
        if (!changed) {
            throw new AccountNotFoundException(username);
        }
        LOG.info("Changed password of account '{}'", username);
    }

    /**
     * Returns the stored credential, or a decoy ({@link CredentialSource}) when the account
     * or its credential for {@code algorithm} does not exist.
     */
    @Override
    public ScramCredential scramCredential(String username, ScramAlgorithm algorithm) {
        ScramCredential stored = database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT salt, iterations, stored_key, server_key FROM scram_credentials"
                            + " WHERE username = ? AND mechanism = ?")) {
                select.setString(1, username);
                select.setString(2, algorithm.mechanismName());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return null;
                    }
                    Base64.Decoder base64 = Base64.getDecoder();
                    return new ScramCredential(algorithm, base64.decode(rows.getString(1)), rows.getInt(2),
                            base64.decode(rows.getString(3)), base64.decode(rows.getString(4)));
                }
            }
        });
        return stored != null ? stored : decoys.credential(username, algorithm, policy.iterations());
    }

    private Map<ScramAlgorithm, ScramCredential> deriveCredentials(String password) {
        byte[] prepared = Passwords.prepare(password);
        Map<ScramAlgorithm, ScramCredential> credentials = new EnumMap<>(ScramAlgorithm.class);
        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            byte[] salt = new byte[CredentialPolicy.SALT_LENGTH];
            random.nextBytes(salt);
            credentials.put(algorithm, ScramCredential.derive(algorithm, prepared, salt, policy.iterations()));
        }
        return credentials;
    }

    private static void insertCredentials(Connection connection, String username,
            Map<ScramAlgorithm, ScramCredential> credentials) throws SQLException {
        Base64.Encoder base64 = Base64.getEncoder();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO scram_credentials (username, mechanism, salt, iterations, stored_key, server_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ScramCredential credential : credentials.values()) {
                insert.setString(1, username);
                insert.setString(2, credential.algorithm().mechanismName());
                insert.setString(3, base64.encodeToString(credential.salt()));
                insert.setInt(4, credential.iterations());
                insert.setString(5, base64.encodeToString(credential.storedKey()));
                insert.setString(6, base64.encodeToString(credential.serverKey()));
                insert.executeUpdate();
            }
        }
    }

    private static boolean accountExists(Connection connection, String username) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM accounts WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private byte[] loadOrCreateDecoyKey() {
        byte[] existing = readSecret(DECOY_KEY_NAME);
        if (existing != null) {
            return existing;
        }

        byte[] key = new byte[DECOY_KEY_LENGTH];
        random.nextBytes(key);
        try {
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO auth_secrets (name, secret) VALUES (?, ?)")) {
                    insert.setString(1, DECOY_KEY_NAME);
                    insert.setString(2, Base64.getEncoder().encodeToString(key));
                    return insert.executeUpdate();
                }
            });
            return key;
        } catch (StorageException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                // Another store stored its key first, so use that one.
                return readSecret(DECOY_KEY_NAME);
            }
            throw e;
        }
    }

    private byte[] readSecret(String name) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT secret FROM auth_secrets WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Base64.getDecoder().decode(rows.getString(1)) : null;
                }
            }
        });
    }
}
