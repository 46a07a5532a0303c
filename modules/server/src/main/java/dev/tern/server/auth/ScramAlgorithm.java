package dev.tern.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions of the SCRAM mechanisms that Tern supports, with the key derivation
 * of RFC 5802 section 3.
 */
public enum ScramAlgorithm {

    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

    private static final byte[] CLIENT_KEY_LABEL = "Client Key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_KEY_LABEL = "Server Key".getBytes(StandardCharsets.US_ASCII);

    private final String mechanismName;
    private final String digestName;
    private final String macName;
    private final int hashLength;

    ScramAlgorithm(String mechanismName, String digestName, String macName) {
        this.mechanismName = mechanismName;
        this.digestName = digestName;
        this.macName = macName;
        this.hashLength = newDigest(digestName).getDigestLength();
    }

    /** Returns the SASL mechanism name, such as {@code SCRAM-SHA-256}. */
    public String mechanismName() {
        return mechanismName;
    }

    /** Returns the output length of the hash function in bytes. */
    public int hashLength() {
        return hashLength;
    }

    /** Computes H(data). */
    public byte[] hash(byte[] data) {
        return newDigest(digestName).digest(data);
    }

    /** Computes HMAC(key, data). */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + macName + ", which every Java SE runtime must provide", e);
        }
    }

    /**
     * Computes SaltedPassword = Hi(password, salt, iterations), which is PBKDF2 with this
     * algorithm's HMAC and an output of one hash length.
     *
     * @param preparedPassword the password after {@link Passwords#prepare}, as UTF-8
     */
    public byte[] saltedPassword(byte[] preparedPassword, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("Iteration count is " + iterations + ", but must be at least 1");
        }
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(preparedPassword, macName));

            // U1 = HMAC(password, salt || INT(1)), and each further Ui = HMAC(password, Ui-1).
            mac.update(salt);
            byte[] block = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = block.clone();
            for (int i = 1; i < iterations; i++) {
                block = mac.doFinal(block);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= block[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + macName + ", which every Java SE runtime must provide", e);
        }
    }

    /** Computes ClientKey = HMAC(SaltedPassword, "Client Key"). */
    public byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, CLIENT_KEY_LABEL);
    }

    /** Computes ServerKey = HMAC(SaltedPassword, "Server Key"). */
    public byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, SERVER_KEY_LABEL);
    }

    /** Returns the algorithm whose SASL mechanism name is {@code mechanismName}, or null. */
    public static ScramAlgorithm forMechanism(String mechanismName) {
        for (ScramAlgorithm algorithm : values()) {
            if (algorithm.mechanismName.equals(mechanismName)) {
                return algorithm;
            }
        }
        return null;
    }

    private static MessageDigest newDigest(String digestName) {
        try {
            return MessageDigest.getInstance(digestName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + digestName + ", which every Java SE runtime must provide", e);
        }
    }
}
