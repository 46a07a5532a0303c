package dev.tern.server.auth;

/**
 * The source of SCRAM credentials for SASL mechanisms.
 *
 * <p>For a username without an account, implementations return a decoy credential instead
 * of nothing: same salt on every call, same iteration count as real accounts, and keys that
 * no password matches. A SASL exchange then takes the same steps and sends the same kind of
 * messages whether the account exists or not, so it does not reveal which usernames exist.
 */
public interface CredentialSource {

    /**
     * Returns the credential of {@code username} for {@code algorithm}, or a decoy when the
     * account does not exist.
     *
     * @param username the prepared localpart ({@link Usernames#prepare})
     */
    ScramCredential scramCredential(String username, ScramAlgorithm algorithm);
}
