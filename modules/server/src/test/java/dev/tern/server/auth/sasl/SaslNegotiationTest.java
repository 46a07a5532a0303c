package dev.tern.server.auth.sasl;

import static dev.tern.server.auth.sasl.ScramMechanismTest.text;
import static dev.tern.server.auth.sasl.ScramMechanismTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tern.server.auth.AccountSchema;
import dev.tern.server.auth.AccountStore;
import dev.tern.server.auth.CredentialPolicy;
import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.sasl.SaslStep.Challenge;
import dev.tern.server.auth.sasl.SaslStep.Failure;
import dev.tern.server.auth.sasl.SaslStep.Success;
import dev.tern.server.storage.H2Database;
import dev.tern.server.storage.SchemaMigrator;

/** SASL negotiations against a real account store. */
class SaslNegotiationTest {

    private static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(
            3, 2, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15), 100);

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private H2Database database;
    private AccountStore store;
    private SaslMechanisms mechanisms;
    private LoginThrottle throttle;

    @BeforeEach
    void openStore() throws Exception {
        database = H2Database.open(tempDir);
        new SchemaMigrator(database, clock).register(AccountSchema.OWNER, AccountSchema.MIGRATIONS).migrate();
        store = new AccountStore(database, CredentialPolicy.defaults(), new SecureRandom(), clock);
        store.create("juliet", "balcony");
        mechanisms = new SaslMechanisms(store, "example.com");
        throttle = new LoginThrottle(SETTINGS, clock);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void scramSha256AgainstStoreSucceeds() {
        SaslNegotiation negotiation = newNegotiation();

        SaslOutcome outcome = scram(negotiation, ScramAlgorithm.SHA_256, "juliet", "balcony");

        assertThat(outcome.step()).isInstanceOf(Success.class);
        assertThat(((Success) outcome.step()).username()).isEqualTo("juliet");
        assertThat(outcome.delay()).isZero();
        assertThat(outcome.closeStream()).isFalse();
        assertThat(negotiation.succeeded()).isTrue();
    }

    @Test
    void scramSha1AgainstStoreSucceeds() {
        SaslOutcome outcome = scram(newNegotiation(), ScramAlgorithm.SHA_1, "juliet", "balcony");

        assertThat(outcome.step()).isInstanceOf(Success.class);
    }

    @Test
    void plainAgainstStoreSucceeds() {
        SaslOutcome outcome = newNegotiation().start("PLAIN", utf8("\0juliet\0balcony"), true);

        assertThat(outcome.step()).isInstanceOf(Success.class);
    }

    @Test
    void unknownUserLooksLikeKnownUser() {
        String knownFirst = serverFirst(ScramAlgorithm.SHA_256, "juliet");
        String unknownFirst = serverFirst(ScramAlgorithm.SHA_256, "romeo");
        String unknownAgain = serverFirst(ScramAlgorithm.SHA_256, "romeo");

        // Same shape: nonce, a 16-byte salt and the same iteration count.
        String shape = "r=abc[A-Za-z0-9+/]{24},s=[A-Za-z0-9+/]{22}==,i=4096";
        assertThat(knownFirst).matches(shape);
        assertThat(unknownFirst).matches(shape);
        assertThat(salt(unknownAgain)).isEqualTo(salt(unknownFirst));

        SaslOutcome known = scram(newNegotiation(), ScramAlgorithm.SHA_256, "juliet", "wrong");
        SaslOutcome unknown = scram(newNegotiation(), ScramAlgorithm.SHA_256, "romeo", "wrong");
        assertThat(unknown.step()).isEqualTo(known.step());
        assertThat(unknown.delay()).isEqualTo(known.delay());
    }

    @Test
    void repeatedFailuresCloseStream() {
        SaslNegotiation negotiation = newNegotiation();

        SaslOutcome first = scram(negotiation, ScramAlgorithm.SHA_256, "juliet", "wrong");
        SaslOutcome second = negotiation.start("PLAIN", utf8("\0juliet\0wrong"), true);
        SaslOutcome third = negotiation.start("DIGEST-MD5", new byte[0], true);

        assertThat(first.step()).isEqualTo(new Failure(SaslCondition.NOT_AUTHORIZED, "Wrong username or password"));
        assertThat(first.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(first.closeStream()).isFalse();
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(second.closeStream()).isFalse();
        assertThat(((Failure) third.step()).condition()).isEqualTo(SaslCondition.INVALID_MECHANISM);
        assertThat(third.closeStream()).isTrue();
        assertThatThrownBy(() -> negotiation.start("PLAIN", utf8("\0juliet\0balcony"), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void throttledAccountGetsTemporaryFailure() {
        for (int i = 0; i < 3; i++) {
            newNegotiation().start("PLAIN", utf8("\0juliet\0wrong"), true);
        }

        SaslOutcome plain = newNegotiation().start("PLAIN", utf8("\0juliet\0balcony"), true);
        SaslOutcome scram = newNegotiation().start("SCRAM-SHA-256", utf8("n,,n=juliet,r=abc"), false);

        assertThat(plain.step()).isEqualTo(new Failure(SaslCondition.TEMPORARY_AUTH_FAILURE,
                "Too many failed logins; wait 1 s before the next attempt"));
        assertThat(((Failure) scram.step()).condition()).isEqualTo(SaslCondition.TEMPORARY_AUTH_FAILURE);

        clock.advance(Duration.ofSeconds(1));
        assertThat(newNegotiation().start("PLAIN", utf8("\0juliet\0balcony"), true).step())
                .isInstanceOf(Success.class);
    }

    @Test
    void abortDoesNotCount() {
        SaslNegotiation negotiation = newNegotiation();
        negotiation.start("SCRAM-SHA-256", utf8("n,,n=juliet,r=abc"), false);

        SaslOutcome aborted = negotiation.abort();

        assertThat(aborted.step()).isEqualTo(new Failure(SaslCondition.ABORTED, null));
        assertThat(aborted.delay()).isZero();
        assertThat(throttle.trackedAccounts()).isZero();
        assertThat(scram(negotiation, ScramAlgorithm.SHA_256, "juliet", "balcony").step()).isInstanceOf(Success.class);
    }

    @Test
    void responseWithoutAuthMalformed() {
        SaslOutcome outcome = newNegotiation().respond(utf8("c=biws"));

        assertThat(((Failure) outcome.step()).condition()).isEqualTo(SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void secondAuthDuringExchangeMalformed() {
        SaslNegotiation negotiation = newNegotiation();
        negotiation.start("SCRAM-SHA-256", utf8("n,,n=juliet,r=abc"), false);

        SaslOutcome outcome = negotiation.start("PLAIN", utf8("\0juliet\0balcony"), true);

        assertThat(((Failure) outcome.step()).condition()).isEqualTo(SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void invalidBase64IncorrectEncoding() {
        SaslOutcome outcome = newNegotiation().rejectEncoding();

        assertThat(((Failure) outcome.step()).condition()).isEqualTo(SaslCondition.INCORRECT_ENCODING);
        assertThat(outcome.delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void callsAfterSuccessThrow() {
        SaslNegotiation negotiation = newNegotiation();
        negotiation.start("PLAIN", utf8("\0juliet\0balcony"), true);

        assertThatThrownBy(() -> negotiation.respond(new byte[0]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("restart the stream");
    }

    private SaslNegotiation newNegotiation() {
        return new SaslNegotiation(mechanisms, throttle, "test-connection");
    }

    private SaslOutcome scram(SaslNegotiation negotiation, ScramAlgorithm algorithm, String username, String password) {
        TestScramClient client = new TestScramClient(algorithm, "n,,", username, "abc", password);
        SaslOutcome first = negotiation.start(algorithm.mechanismName(), client.clientFirst(), false);
        assertThat(first.step()).isInstanceOf(Challenge.class);

        SaslOutcome last = negotiation.respond(client.clientFinal(((Challenge) first.step()).data()));
        if (last.step() instanceof Success success) {
            assertThat(text(success.additionalData())).isEqualTo(client.expectedServerFinal());
        }
        return last;
    }

    private String serverFirst(ScramAlgorithm algorithm, String username) {
        SaslOutcome outcome = newNegotiation().start(algorithm.mechanismName(), utf8("n,,n=" + username + ",r=abc"),
                false);
        return text(((Challenge) outcome.step()).data());
    }

    private static String salt(String serverFirst) {
        return serverFirst.replaceAll(".*,s=([^,]*),.*", "$1");
    }
}
