package dev.tern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;

class ScramAlgorithmTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void saltedPasswordMatchesRfc6070Vectors() {
        // RFC 6070 publishes PBKDF2-HMAC-SHA1 outputs for P = "password", S = "salt".
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);

        assertThat(HEX.formatHex(ScramAlgorithm.SHA_1.saltedPassword(password, salt, 1)))
                .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
        assertThat(HEX.formatHex(ScramAlgorithm.SHA_1.saltedPassword(password, salt, 2)))
                .isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        assertThat(HEX.formatHex(ScramAlgorithm.SHA_1.saltedPassword(password, salt, 4096)))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    }

    @Test
    void saltedPasswordMatchesJdkPbkdf2() throws GeneralSecurityException {
        byte[] salt = HEX.parseHex("5b6d99689d12358ee8ac48116fa0");
        PBEKeySpec spec = new PBEKeySpec("pencil".toCharArray(), salt, 4096, 256);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();

        byte[] actual = ScramAlgorithm.SHA_256.saltedPassword("pencil".getBytes(StandardCharsets.UTF_8), salt, 4096);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void hashLengthsFollowDigest() {
        assertThat(ScramAlgorithm.SHA_1.hashLength()).isEqualTo(20);
        assertThat(ScramAlgorithm.SHA_256.hashLength()).isEqualTo(32);
    }

    @Test
    void forMechanismFindsByName() {
        assertThat(ScramAlgorithm.forMechanism("SCRAM-SHA-1")).isEqualTo(ScramAlgorithm.SHA_1);
        assertThat(ScramAlgorithm.forMechanism("SCRAM-SHA-256")).isEqualTo(ScramAlgorithm.SHA_256);
        assertThat(ScramAlgorithm.forMechanism("SCRAM-SHA-256-PLUS")).isNull();
    }

    @Test
    void credentialMatchesOnlyItsPassword() {
        byte[] salt = HEX.parseHex("00112233445566778899aabbccddeeff");
        ScramCredential credential = ScramCredential.derive(ScramAlgorithm.SHA_256,
                Passwords.prepare("pencil"), salt, 4096);

        assertThat(credential.matchesPassword(Passwords.prepare("pencil"))).isTrue();
        assertThat(credential.matchesPassword(Passwords.prepare("Pencil"))).isFalse();
        assertThat(credential.toString()).doesNotContain(HEX.formatHex(credential.storedKey()));
    }
}
