package dev.tern.hotload.management;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A password stored as SCRAM-SHA-256 keys (RFC 5802, RFC 7677): salt, iteration count,
 * StoredKey and ServerKey, never the password itself. Written in configuration as
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} with base64 fields, the
 * form RFC 5803 uses for LDAP.
 *
 * <p>NOTE: the password is hashed as its UTF-8 bytes without SASLprep normalisation, so
 * passwords outside ASCII must be typed in the same Unicode form they were set in.
 */
public final class ScramCredential {

    /** The minimum iteration count: RFC 7677 recommends (SHOULD) at least 4096. */
    public static final int MIN_ITERATIONS = 4096;

    private static final Pattern FORMAT = Pattern.compile("SCRAM-SHA-256\\$(\\d+):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");
    private static final int KEY_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramCredential(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM-SHA-256 needs at least " + MIN_ITERATIONS + " iterations, got "
                    + iterations);
        }
        if (storedKey.length != KEY_BYTES || serverKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("SCRAM-SHA-256 keys are " + KEY_BYTES + " bytes long");
        }
        this.salt = salt.clone();
        this.iterations = iterations;
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
    }

    /** Derives a credential from {@code password} with a fresh random salt. */
    public static ScramCredential derive(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        byte[] saltedPassword = saltedPassword(password, salt, iterations);
        return new ScramCredential(salt, iterations, sha256(hmac(saltedPassword, "Client Key")),
                hmac(saltedPassword, "Server Key"));
    }

    /**
     * Parses the configuration form.
     *
     * @throws IllegalArgumentException when {@code text} is not in that form
     */
    public static ScramCredential parse(String text) {
        Matcher matcher = FORMAT.matcher(Objects.requireNonNull(text, "text").strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Invalid SCRAM-SHA-256 credential: expected "
                    + "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> in base64");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new ScramCredential(base64.decode(matcher.group(2)), Integer.parseInt(matcher.group(1)),
                base64.decode(matcher.group(3)), base64.decode(matcher.group(4)));
    }

    /** Returns the configuration form. */
    public String format() {
        Base64.Encoder base64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$" + base64.encodeToString(storedKey)
                + ":" + base64.encodeToString(serverKey);
    }

    /** Returns true when {@code password} derives this credential's StoredKey; compares in constant time. */
    public boolean verify(char[] password) {
        byte[] saltedPassword = saltedPassword(password, salt, iterations);
        return MessageDigest.isEqual(sha256(hmac(saltedPassword, "Client Key")), storedKey);
    }

    private static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks PBKDF2WithHmacSHA256, which every Java SE has", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks HmacSHA256, which every Java SE has", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK lacks SHA-256, which every Java SE has", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredential credential && credential.iterations == iterations
                && Arrays.equals(credential.salt, salt) && Arrays.equals(credential.storedKey, storedKey)
                && Arrays.equals(credential.serverKey, serverKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(storedKey);
    }

    /** Returns a description without the keys. */
    @Override
    public String toString() {
        return "SCRAM-SHA-256 credential with " + iterations + " iterations";
    }
}
