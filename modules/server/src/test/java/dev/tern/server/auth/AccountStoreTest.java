package dev.tern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.server.storage.H2Database;
import dev.tern.server.storage.SchemaMigrator;

class AccountStoreTest {

    private static final CredentialPolicy FAST = CredentialPolicy.insecureForTests(16);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    private H2Database database;
    private AccountStore store;

    @BeforeEach
    void openStore() {
        database = H2Database.open(tempDir);
        new SchemaMigrator(database, CLOCK).register(AccountSchema.OWNER, AccountSchema.MIGRATIONS).migrate();
        store = new AccountStore(database, FAST, new SecureRandom(), CLOCK);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void createdAccountExists() throws Exception {
        store.create("juliet", "balcony");

        assertThat(store.exists("juliet")).isTrue();
        assertThat(store.exists("romeo")).isFalse();
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void createTwiceRejected() throws Exception {
        store.create("juliet", "balcony");

        assertThatThrownBy(() -> store.create("juliet", "other"))
                .isInstanceOf(AccountExistsException.class)
                .hasMessage("Account 'juliet' already exists");
        assertThat(store.scramCredential("juliet", ScramAlgorithm.SHA_256).matchesPassword(Passwords.prepare("balcony")))
                .isTrue();
    }

    @Test
    void createRejectsUnpreparedUsername() {
        assertThatThrownBy(() -> store.create("Juliet", "balcony"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'juliet'");
        assertThat(store.count()).isZero();
    }

    @Test
    void createRejectsInvalidPassword() {
        assertThatThrownBy(() -> store.create("juliet", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Password is invalid");
        assertThat(store.exists("juliet")).isFalse();
    }

    @Test
    void createStoresBothScramCredentials() throws Exception {
        store.create("juliet", "balcony");

        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            ScramCredential credential = store.scramCredential("juliet", algorithm);
            assertThat(credential.algorithm()).isEqualTo(algorithm);
            assertThat(credential.iterations()).isEqualTo(16);
            assertThat(credential.salt()).hasSize(CredentialPolicy.SALT_LENGTH);
            assertThat(credential.matchesPassword(Passwords.prepare("balcony"))).isTrue();
            assertThat(credential.matchesPassword(Passwords.prepare("Balcony"))).isFalse();
        }
        assertThat(store.scramCredential("juliet", ScramAlgorithm.SHA_1).salt())
                .isNotEqualTo(store.scramCredential("juliet", ScramAlgorithm.SHA_256).salt());
    }

    @Test
    void passwordNeverStored() throws Exception {
        String password = "balcony-over-the-orchard";
        store.create("juliet", password);

        List<String> cells = allCells("scram_credentials");
        cells.addAll(allCells("accounts"));

        assertThat(cells).isNotEmpty();
        assertThat(cells).noneMatch(cell -> cell.contains(password));
        assertThat(cells).noneMatch(cell -> cell.contains(Base64.getEncoder().encodeToString(password.getBytes())));
    }

    @Test
    void createdAtComesFromClock() throws Exception {
        store.create("juliet", "balcony");

        assertThat(allCells("accounts")).anyMatch(cell -> cell.startsWith("2025-03-04 05:06:07"));
    }

    @Test
    void deleteRemovesAccountAndCredentials() throws Exception {
        store.create("juliet", "balcony");
        store.create("romeo", "poison");

        assertThat(store.delete("juliet")).isTrue();

        assertThat(store.exists("juliet")).isFalse();
        assertThat(store.exists("romeo")).isTrue();
        assertThat(allCells("scram_credentials")).doesNotContain("juliet").contains("romeo");
    }

    @Test
    void deleteUnknownReturnsFalse() {
        assertThat(store.delete("nobody")).isFalse();
    }

    @Test
    void listPagesInOrder() throws Exception {
        for (String username : List.of("mercutio", "benvolio", "tybalt", "juliet", "romeo")) {
            store.create(username, "password");
        }

        List<String> first = store.list(null, 2);
        List<String> second = store.list(first.getLast(), 2);
        List<String> third = store.list(second.getLast(), 2);
        List<String> after = store.list(third.getLast(), 2);

        assertThat(first).containsExactly("benvolio", "juliet");
        assertThat(second).containsExactly("mercutio", "romeo");
        assertThat(third).containsExactly("tybalt");
        assertThat(after).isEmpty();
    }

    @Test
    void listRejectsBadPageSize() {
        assertThatThrownBy(() -> store.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(null, AccountStore.MAX_PAGE_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001");
    }

    @Test
    void changePasswordReplacesCredentials() throws Exception {
        store.create("juliet", "balcony");
        byte[] oldSalt = store.scramCredential("juliet", ScramAlgorithm.SHA_256).salt();

        store.changePassword("juliet", "nightingale");

        for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
            ScramCredential credential = store.scramCredential("juliet", algorithm);
            assertThat(credential.matchesPassword(Passwords.prepare("nightingale"))).isTrue();
            assertThat(credential.matchesPassword(Passwords.prepare("balcony"))).isFalse();
        }
        assertThat(store.scramCredential("juliet", ScramAlgorithm.SHA_256).salt()).isNotEqualTo(oldSalt);
    }

    @Test
    void changePasswordOfUnknownAccountFails() {
        assertThatThrownBy(() -> store.changePassword("nobody", "password"))
                .isInstanceOf(AccountNotFoundException.class)
                .hasMessage("Account 'nobody' not found");
        assertThat(store.exists("nobody")).isFalse();
    }

    @Test
    void unknownUserGetsStableDecoy() {
        ScramCredential first = store.scramCredential("nobody", ScramAlgorithm.SHA_256);
        ScramCredential second = store.scramCredential("nobody", ScramAlgorithm.SHA_256);
        ScramCredential other = store.scramCredential("somebody", ScramAlgorithm.SHA_256);

        assertThat(first.salt()).isEqualTo(second.salt());
        assertThat(first.salt()).hasSize(CredentialPolicy.SALT_LENGTH);
        assertThat(first.iterations()).isEqualTo(FAST.iterations());
        assertThat(other.salt()).isNotEqualTo(first.salt());
        assertThat(first.matchesPassword(Passwords.prepare("password"))).isFalse();
    }

    @Test
    void decoySurvivesRestart() {
        byte[] before = store.scramCredential("nobody", ScramAlgorithm.SHA_1).salt();
        database.close();

        database = H2Database.open(tempDir);
        AccountStore reopened = new AccountStore(database, FAST, new SecureRandom(), CLOCK);

        assertThat(reopened.scramCredential("nobody", ScramAlgorithm.SHA_1).salt()).isEqualTo(before);
    }

    @Test
    void accountsSurviveRestart() throws Exception {
        store.create("juliet", "balcony");
        database.close();

        database = H2Database.open(tempDir);
        AccountStore reopened = new AccountStore(database, FAST, new SecureRandom(), CLOCK);

        assertThat(reopened.exists("juliet")).isTrue();
        assertThat(reopened.scramCredential("juliet", ScramAlgorithm.SHA_1).matchesPassword(Passwords.prepare("balcony")))
                .isTrue();
    }

    private List<String> allCells(String table) throws SQLException {
        try (Connection connection = database.openConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> cells = new ArrayList<>();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    cells.add(rows.getString(column));
                }
            }
            return cells;
        }
    }
}
