package dev.tern.server.auth;

import java.util.List;

import dev.tern.server.storage.Migration;
import dev.tern.server.storage.SchemaMigrator;

/**
 * The tables of {@link AccountStore}. Register them with
 * {@code migrator.register(AccountSchema.OWNER, AccountSchema.MIGRATIONS)} before
 * {@link SchemaMigrator#migrate()}.
 *
 * <p>Binary values (salts and keys) are Base64 text, because PostgreSQL has no
 * {@code VARBINARY}. Usernames are up to 1023 UTF-8 bytes, the localpart limit of RFC 7622.
 */
public final class AccountSchema {

    /** The schema owner name in {@code schema_version}. */
    public static final String OWNER = "accounts";

    public static final List<Migration> MIGRATIONS = List.of(
            Migration.ofSql(1, "Create accounts, SCRAM credentials and authentication secrets",
                    """
                    CREATE TABLE accounts (
                        username VARCHAR(1023) NOT NULL,
                        created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                        PRIMARY KEY (username)
                    )""",
                    """
                    CREATE TABLE scram_credentials (
                        username VARCHAR(1023) NOT NULL,
                        mechanism VARCHAR(40) NOT NULL,
                        salt VARCHAR(200) NOT NULL,
                        iterations INTEGER NOT NULL,
                        stored_key VARCHAR(200) NOT NULL,
                        server_key VARCHAR(200) NOT NULL,
                        PRIMARY KEY (username, mechanism),
                        FOREIGN KEY (username) REFERENCES accounts (username) ON DELETE CASCADE
                    )""",
                    """
                    CREATE TABLE auth_secrets (
                        name VARCHAR(100) NOT NULL,
                        secret VARCHAR(200) NOT NULL,
                        PRIMARY KEY (name)
                    )"""));

    private AccountSchema() {
    }
}
