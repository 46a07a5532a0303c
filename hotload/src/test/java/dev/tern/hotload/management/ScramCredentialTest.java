package dev.tern.hotload.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ScramCredentialTest {

    @Test
    void verifiesOnlyTheRightPassword() {
        ScramCredential credential = ScramCredential.derive("pencil".toCharArray(), ScramCredential.MIN_ITERATIONS);

        assertThat(credential.verify("pencil".toCharArray())).isTrue();
        assertThat(credential.verify("pencil2".toCharArray())).isFalse();
        assertThat(credential.verify("".toCharArray())).isFalse();
    }

    @Test
    void formatParsesBack() {
        ScramCredential credential = ScramCredential.derive("pencil".toCharArray(), 5000);

        String text = credential.format();
        ScramCredential parsed = ScramCredential.parse(text);

        assertThat(text).startsWith("SCRAM-SHA-256$5000:");
        assertThat(text).doesNotContain("pencil");
        assertThat(parsed).isEqualTo(credential);
        assertThat(parsed.verify("pencil".toCharArray())).isTrue();
    }

    @Test
    void storedKeyFollowsRfc5802() throws Exception {
        // StoredKey = H(HMAC(Hi(password, salt, i), "Client Key")), computed here independently.
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("pencil".toCharArray(), salt, 4096, 256)).getEncoded();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII)));
        mac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
        Base64.Encoder base64 = Base64.getEncoder();
        String text = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + base64.encodeToString(storedKey) + ":"
                + base64.encodeToString(serverKey);

        assertThat(ScramCredential.parse(text).verify("pencil".toCharArray())).isTrue();
    }

    @Test
    void rejectsMalformedAndWeakCredentials() {
        assertThatThrownBy(() -> ScramCredential.parse("pencil")).hasMessageContaining("Invalid SCRAM-SHA-256 credential");
        assertThatThrownBy(() -> ScramCredential.derive("pencil".toCharArray(), 1000))
                .hasMessageContaining("at least 4096 iterations, got 1000");
        assertThat(ScramCredential.derive("pencil".toCharArray(), 4096).toString()).doesNotContain("$");
    }
}
