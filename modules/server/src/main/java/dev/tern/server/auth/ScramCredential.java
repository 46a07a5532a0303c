package dev.tern.server.auth;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The SCRAM verifier of one account for one algorithm: salt, iteration count, StoredKey and
 * ServerKey as RFC 5802 section 3 defines them. It does not contain the password or the
 * SaltedPassword, so recovering the password from a stolen copy takes a dictionary attack.
 * A stolen copy still lets an attacker act as the server, so it must stay secret.
 */
public final class ScramCredential {

    private final ScramAlgorithm algorithm;
    private final byte[] salt;
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;

    public ScramCredential(ScramAlgorithm algorithm, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (salt.length == 0) {
            throw new IllegalArgumentException("SCRAM salt must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Iteration count is " + iterations + ", but must be at least 1");
        }
        if (storedKey.length != algorithm.hashLength() || serverKey.length != algorithm.hashLength()) {
            throw new IllegalArgumentException("StoredKey and ServerKey of " + algorithm.mechanismName() + " must be "
                    + algorithm.hashLength() + " bytes long");
        }
        this.salt = salt.clone();
        this.iterations = iterations;
        this.storedKey = storedKey.clone();
        this.serverKey = serverKey.clone();
    }

    /**
     * Derives the credential for a password.
     *
     * @param preparedPassword the password after {@link Passwords#prepare}, as UTF-8
     */
    public static ScramCredential derive(ScramAlgorithm algorithm, byte[] preparedPassword, byte[] salt, int iterations) {
        byte[] saltedPassword = algorithm.saltedPassword(preparedPassword, salt, iterations);
        byte[] storedKey = algorithm.hash(algorithm.clientKey(saltedPassword));
        byte[] serverKey = algorithm.serverKey(saltedPassword);
        return new ScramCredential(algorithm, salt, iterations, storedKey, serverKey);
    }

    /**
     * Returns whether {@code preparedPassword} derives this credential's StoredKey. The
     * comparison takes the same time wherever the keys differ.
     */
    public boolean matchesPassword(byte[] preparedPassword) {
        byte[] saltedPassword = algorithm.saltedPassword(preparedPassword, salt, iterations);
        byte[] candidate = algorithm.hash(algorithm.clientKey(saltedPassword));
        return MessageDigest.isEqual(candidate, storedKey);
    }

    public ScramAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public int iterations() {
        return iterations;
    }

    public byte[] storedKey() {
        return storedKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** Returns the algorithm and iteration count only, because the keys must not reach logs. */
    @Override
    public String toString() {
        return "ScramCredential[" + algorithm.mechanismName() + ", iterations=" + iterations + "]";
    }
}
