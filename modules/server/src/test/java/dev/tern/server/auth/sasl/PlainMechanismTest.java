package dev.tern.server.auth.sasl;

import static dev.tern.server.auth.sasl.ScramMechanismTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.sasl.SaslStep.Challenge;
import dev.tern.server.auth.sasl.SaslStep.Failure;
import dev.tern.server.auth.sasl.SaslStep.Success;

class PlainMechanismTest {

    private final FixedCredentials credentials = new FixedCredentials()
            .add("juliet", "pass word", ScramAlgorithm.SHA_256, "0123456789abcdef".getBytes(), 4096);

    private final PlainMechanism mechanism = new PlainMechanism(credentials, "example.com");

    @Test
    void correctPasswordSucceeds() {
        SaslStep step = mechanism.evaluate(utf8("\0juliet\0pass word"));

        assertThat(step).isInstanceOf(Success.class);
        assertThat(((Success) step).username()).isEqualTo("juliet");
        assertThat(((Success) step).additionalData()).isNull();
    }

    @Test
    void passwordIsPreparedBeforeCheck() {
        // NO-BREAK SPACE maps to SPACE under OpaqueString, as under SASLprep.
        SaslStep step = mechanism.evaluate(utf8("\0Juliet\0pass\u00a0word"));

        assertThat(step).isInstanceOf(Success.class);
        assertThat(((Success) step).username()).isEqualTo("juliet");
    }

    @Test
    void bareJidAuthzidAccepted() {
        SaslStep step = mechanism.evaluate(utf8("juliet@EXAMPLE.com\0juliet\0pass word"));

        assertThat(step).isInstanceOf(Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@example.com", "juliet@example.org", "juliet@example.com/balcony", "juliet"})
    void otherAuthzidRejected(String authzid) {
        SaslStep step = mechanism.evaluate(utf8(authzid + "\0juliet\0pass word"));

        assertThat(step).isEqualTo(new Failure(SaslCondition.INVALID_AUTHZID,
                "Authorization identity must be empty or your bare JID"));
    }

    @Test
    void wrongPasswordNotAuthorized() {
        SaslStep step = mechanism.evaluate(utf8("\0juliet\0password"));

        assertThat(step).isEqualTo(new Failure(SaslCondition.NOT_AUTHORIZED, "Wrong username or password"));
        assertThat(mechanism.authenticationId()).isEqualTo("juliet");
    }

    @Test
    void unknownUserFailsLikeWrongPassword() {
        SaslStep step = mechanism.evaluate(utf8("\0romeo\0pass word"));

        assertThat(step).isEqualTo(new Failure(SaslCondition.NOT_AUTHORIZED, "Wrong username or password"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet\0pass word", "\0\0pass word", "\0juliet\0", "a\0b\0c\0d"})
    void malformedMessageRejected(String message) {
        SaslStep step = mechanism.evaluate(utf8(message));

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void emptyInitialResponseGetsEmptyChallenge() {
        SaslStep first = mechanism.evaluate(new byte[0]);
        SaslStep second = mechanism.evaluate(utf8("\0juliet\0pass word"));

        assertThat(first).isInstanceOf(Challenge.class);
        assertThat(((Challenge) first).data()).isEmpty();
        assertThat(second).isInstanceOf(Success.class);
    }

    @Test
    void evaluateAfterEndThrows() {
        mechanism.evaluate(utf8("\0juliet\0pass word"));

        assertThatThrownBy(() -> mechanism.evaluate(utf8("\0juliet\0pass word")))
                .isInstanceOf(IllegalStateException.class);
    }
}
