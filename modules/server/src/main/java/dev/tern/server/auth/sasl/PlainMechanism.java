package dev.tern.server.auth.sasl;

import java.util.Objects;

import dev.tern.server.auth.CredentialSource;
import dev.tern.server.auth.Passwords;
import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.ScramCredential;
import dev.tern.server.auth.Usernames;
import dev.tern.server.auth.sasl.SaslStep.Challenge;
import dev.tern.server.auth.sasl.SaslStep.Failure;
import dev.tern.server.auth.sasl.SaslStep.Success;

/**
 * The server side of PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}
 * in UTF-8. The password is checked against the account's SCRAM-SHA-256 credential, so an
 * unknown username costs the same key derivation as a wrong password.
 *
 * <p>PLAIN sends the password itself, so {@link SaslMechanisms} offers it only on encrypted
 * streams.
 */
public final class PlainMechanism implements SaslMechanism {

    public static final String NAME = "PLAIN";

    private static final String WRONG_CREDENTIALS = "Wrong username or password";

    private final CredentialSource credentials;
    private final String domain;

    private boolean sentEmptyChallenge;
    private boolean ended;
    private String username;

    /** @param domain the server's domain, for the authzid check */
    public PlainMechanism(CredentialSource credentials, String domain) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.domain = Objects.requireNonNull(domain, "domain");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String authenticationId() {
        return username;
    }

    @Override
    public SaslStep evaluate(byte[] response) {
        if (ended) {
            throw new IllegalStateException("PLAIN exchange has already ended");
        }
        if (response.length == 0 && !sentEmptyChallenge) {
            sentEmptyChallenge = true;
            return new Challenge(new byte[0]);
        }
        ended = true;

        String message = ScramSyntax.decodeUtf8(response);
        if (message == null) {
            return new Failure(SaslCondition.MALFORMED_REQUEST, "PLAIN message is not valid UTF-8");
        }
        String[] fields = message.split("\0", -1);
        if (fields.length != 3 || fields[1].isEmpty() || fields[2].isEmpty()) {
            return new Failure(SaslCondition.MALFORMED_REQUEST,
                    "PLAIN message must be [authzid] NUL authcid NUL passwd with a non-empty authcid and passwd");
        }

        String preparedUsername;
        byte[] preparedPassword;
        try {
            preparedUsername = Usernames.prepare(fields[1]);
            preparedPassword = Passwords.prepare(fields[2]);
        } catch (IllegalArgumentException e) {
            // No account can have such a name or password, so this reveals nothing about accounts.
            return new Failure(SaslCondition.NOT_AUTHORIZED, WRONG_CREDENTIALS);
        }
        username = preparedUsername;
        if (!AuthorizationIdentity.permits(fields[0], username, domain)) {
            return new Failure(SaslCondition.INVALID_AUTHZID, "Authorization identity must be empty or your bare JID");
        }

        ScramCredential credential = credentials.scramCredential(username, ScramAlgorithm.SHA_256);
        if (!credential.matchesPassword(preparedPassword)) {
            return new Failure(SaslCondition.NOT_AUTHORIZED, WRONG_CREDENTIALS);
        }
        return new Success(null, username);
    }
}
