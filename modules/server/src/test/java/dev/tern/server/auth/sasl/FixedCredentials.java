package dev.tern.server.auth.sasl;

import java.util.HashMap;
import java.util.Map;

import dev.tern.server.auth.CredentialSource;
import dev.tern.server.auth.Passwords;
import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.ScramCredential;

/**
 * Credentials with chosen salts, so tests can replay the RFC examples. Unknown users get a
 * fixed decoy, as {@link CredentialSource} requires.
 */
final class FixedCredentials implements CredentialSource {

    private final Map<String, ScramCredential> credentials = new HashMap<>();

    FixedCredentials add(String username, String password, ScramAlgorithm algorithm, byte[] salt, int iterations) {
        credentials.put(username + "/" + algorithm, ScramCredential.derive(algorithm, Passwords.prepare(password),
                salt, iterations));
        return this;
    }

    @Override
    public ScramCredential scramCredential(String username, ScramAlgorithm algorithm) {
        ScramCredential credential = credentials.get(username + "/" + algorithm);
        if (credential != null) {
            return credential;
        }
        byte[] decoyKey = new byte[algorithm.hashLength()];
        return new ScramCredential(algorithm, "decoy-salt-16byt".getBytes(), 4096, decoyKey, decoyKey);
    }
}
