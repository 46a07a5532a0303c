package dev.tern.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Deterministic SCRAM credentials for usernames without an account. Each value is an HMAC
 * of the username under a secret key, so it repeats for the same username but no outsider
 * can tell it from a random salt. The key must persist across restarts, because a salt that
 * changed at each restart would mark the username as unknown.
 */
final class DecoyCredentials {

    private final byte[] key;

    DecoyCredentials(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("Decoy key must be at least 32 bytes, but is " + key.length);
        }
        this.key = key.clone();
    }

    ScramCredential credential(String username, ScramAlgorithm algorithm, int iterations) {
        byte[] salt = Arrays.copyOf(derive("salt", username, algorithm), CredentialPolicy.SALT_LENGTH);
        byte[] storedKey = Arrays.copyOf(derive("stored-key", username, algorithm), algorithm.hashLength());
        byte[] serverKey = Arrays.copyOf(derive("server-key", username, algorithm), algorithm.hashLength());
        return new ScramCredential(algorithm, salt, iterations, storedKey, serverKey);
    }

    // The labels are joined with NUL, which cannot occur in a prepared username.
    private byte[] derive(String label, String username, ScramAlgorithm algorithm) {
        String input = label + "\0" + algorithm.mechanismName() + "\0" + username;
        return ScramAlgorithm.SHA_256.hmac(key, input.getBytes(StandardCharsets.UTF_8));
    }
}
