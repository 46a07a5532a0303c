package dev.tern.server.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.sasl.SaslStep.Challenge;
import dev.tern.server.auth.sasl.SaslStep.Failure;
import dev.tern.server.auth.sasl.SaslStep.Success;

class ScramMechanismTest {

    private static final String DOMAIN = "example.com";

    // RFC 5802 section 5: SCRAM-SHA-1 for user "user" with password "pencil".
    private static final String SHA1_SALT = "QSXCR+Q6sek8bf92";
    private static final String SHA1_SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";

    // RFC 7677 section 3: SCRAM-SHA-256 for the same user and password.
    private static final String SHA256_SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String SHA256_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";

    private final FixedCredentials credentials = new FixedCredentials()
            .add("user", "pencil", ScramAlgorithm.SHA_1, Base64.getDecoder().decode(SHA1_SALT), 4096)
            .add("user", "pencil", ScramAlgorithm.SHA_256, Base64.getDecoder().decode(SHA256_SALT), 4096);

    @Test
    void sha1ReplaysRfc5802Example() {
        ScramMechanism mechanism = new ScramMechanism(ScramAlgorithm.SHA_1, credentials, DOMAIN, () -> SHA1_SERVER_NONCE);

        SaslStep first = mechanism.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
        SaslStep last = mechanism.evaluate(utf8(
                "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));

        assertThat(challengeText(first))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
        assertThat(last).isInstanceOf(Success.class);
        assertThat(text(((Success) last).additionalData())).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
        assertThat(((Success) last).username()).isEqualTo("user");
        assertThat(mechanism.name()).isEqualTo("SCRAM-SHA-1");
    }

    @Test
    void sha256ReplaysRfc7677Example() {
        ScramMechanism mechanism = new ScramMechanism(ScramAlgorithm.SHA_256, credentials, DOMAIN,
                () -> SHA256_SERVER_NONCE);

        SaslStep first = mechanism.evaluate(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        SaslStep last = mechanism.evaluate(utf8("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));

        assertThat(challengeText(first)).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(last).isInstanceOf(Success.class);
        assertThat(text(((Success) last).additionalData())).isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(mechanism.authenticationId()).isEqualTo("user");
    }

    @Test
    void wrongPasswordNotAuthorized() {
        SaslStep last = runExchange(ScramAlgorithm.SHA_256, "n,,", "user", "pen");

        assertThat(last).isEqualTo(new Failure(SaslCondition.NOT_AUTHORIZED, "Wrong username or password"));
    }

    @Test
    void unknownUserFailsLikeWrongPassword() {
        SaslStep last = runExchange(ScramAlgorithm.SHA_256, "n,,", "nobody", "pencil");

        assertThat(last).isEqualTo(new Failure(SaslCondition.NOT_AUTHORIZED, "Wrong username or password"));
    }

    @Test
    void usernameIsPreparedBeforeLookup() {
        SaslStep last = runExchange(ScramAlgorithm.SHA_256, "n,,", "USER", "pencil");

        assertThat(last).isInstanceOf(Success.class);
        assertThat(((Success) last).username()).isEqualTo("user");
    }

    @Test
    void flagYAcceptedWithoutPlusAdvertised() {
        SaslStep last = runExchange(ScramAlgorithm.SHA_1, "y,,", "user", "pencil");

        assertThat(last).isInstanceOf(Success.class);
    }

    @Test
    void bareJidAuthzidAccepted() {
        SaslStep last = runExchange(ScramAlgorithm.SHA_256, "n,a=user@example.com,", "user", "pencil");

        assertThat(last).isInstanceOf(Success.class);
    }

    @Test
    void otherAuthzidRejected() {
        ScramMechanism mechanism = sha256();

        SaslStep step = mechanism.evaluate(utf8("n,a=admin@example.com,n=user,r=abc"));

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.INVALID_AUTHZID);
    }

    @Test
    void channelBindingFlagPRejected() {
        ScramMechanism mechanism = sha256();

        SaslStep step = mechanism.evaluate(utf8("p=tls-exporter,,n=user,r=abc"));

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED);
        assertThat(((Failure) step).text()).contains("Channel binding is not supported");
    }

    @Test
    void wrongNonceNotAuthorized() {
        ScramMechanism mechanism = sha256();
        TestScramClient client = new TestScramClient(ScramAlgorithm.SHA_256, "n,,", "user", "abc", "pencil");
        byte[] serverFirst = ((Challenge) mechanism.evaluate(client.clientFirst())).data();
        String tampered = text(serverFirst).replace("r=abc" + SHA256_SERVER_NONCE, "r=abc" + "other-nonce");

        SaslStep last = mechanism.evaluate(client.clientFinal(utf8(tampered)));

        assertThat(last).isInstanceOf(Failure.class);
        assertThat(((Failure) last).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED);
        assertThat(((Failure) last).text()).contains("Nonce");
    }

    @Test
    void channelBindingMismatchNotAuthorized() {
        ScramMechanism mechanism = sha256();
        TestScramClient client = new TestScramClient(ScramAlgorithm.SHA_256, "n,,", "user", "abc", "pencil");
        byte[] serverFirst = ((Challenge) mechanism.evaluate(client.clientFirst())).data();
        // "eSws" is Base64 of "y,,", but the header was "n,,".
        String tampered = text(client.clientFinal(serverFirst)).replace("c=biws", "c=eSws");

        SaslStep last = mechanism.evaluate(utf8(tampered));

        assertThat(last).isInstanceOf(Failure.class);
        assertThat(((Failure) last).condition()).isEqualTo(SaslCondition.NOT_AUTHORIZED);
        assertThat(((Failure) last).text()).contains("c=");
    }

    @Test
    void emptyInitialResponseGetsEmptyChallenge() {
        ScramMechanism mechanism = sha256();

        SaslStep first = mechanism.evaluate(new byte[0]);
        SaslStep second = mechanism.evaluate(utf8("n,,n=user,r=abc"));

        assertThat(first).isInstanceOf(Challenge.class);
        assertThat(((Challenge) first).data()).isEmpty();
        assertThat(challengeText(second)).startsWith("r=abc" + SHA256_SERVER_NONCE + ",s=");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x,,n=user,r=abc",          // unknown GS2 flag
        "n,n=user,r=abc",           // GS2 header without authzid field
        "n,b=user,n=user,r=abc",    // authzid field without a=
        "n,,r=abc",                 // no username
        "n,,n=user",                // no nonce
        "n,,n=user,r=",             // empty nonce
        "n,,n=us=ZZer,r=abc",       // invalid saslname escape
        "n,,m=ext,n=user,r=abc",    // mandatory extension
        "n,,n=user,r=abc,bad",      // attribute without a value
    })
    void malformedClientFirstRejected(String message) {
        SaslStep step = sha256().evaluate(utf8(message));

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void invalidUtf8Rejected() {
        SaslStep step = sha256().evaluate(new byte[] {'n', ',', ',', (byte) 0xc3, (byte) 0x28});

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c=biws,r=abc",                         // no proof
        "r=abc,c=biws,p=AAAA",                  // attributes out of order
        "c=biws,r=abc,p=not base64!",           // proof not Base64
        "c=biws,r=abc,p=AAAA",                  // proof too short
    })
    void malformedClientFinalRejected(String message) {
        ScramMechanism mechanism = sha256();
        mechanism.evaluate(utf8("n,,n=user,r=abc"));

        SaslStep step = mechanism.evaluate(utf8(message));

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.MALFORMED_REQUEST);
    }

    @Test
    void evaluateAfterEndThrows() {
        ScramMechanism mechanism = sha256();
        mechanism.evaluate(utf8("x,,"));

        assertThatThrownBy(() -> mechanism.evaluate(utf8("n,,n=user,r=abc")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already ended");
    }

    private ScramMechanism sha256() {
        return new ScramMechanism(ScramAlgorithm.SHA_256, credentials, DOMAIN, () -> SHA256_SERVER_NONCE);
    }

    private SaslStep runExchange(ScramAlgorithm algorithm, String gs2Header, String username, String password) {
        ScramMechanism mechanism = new ScramMechanism(algorithm, credentials, DOMAIN, () -> "server-nonce");
        TestScramClient client = new TestScramClient(algorithm, gs2Header, username, "client-nonce", password);

        SaslStep first = mechanism.evaluate(client.clientFirst());
        assertThat(first).isInstanceOf(Challenge.class);
        SaslStep last = mechanism.evaluate(client.clientFinal(((Challenge) first).data()));
        if (last instanceof Success success) {
            assertThat(text(success.additionalData())).isEqualTo(client.expectedServerFinal());
        }
        return last;
    }

    private static String challengeText(SaslStep step) {
        assertThat(step).isInstanceOf(Challenge.class);
        return text(((Challenge) step).data());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
