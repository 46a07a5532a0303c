package dev.tern.server.auth.sasl;

import java.util.Objects;

/**
 * The server's reply to one client message of a SASL exchange: a challenge, success or
 * failure, which the stream sends as {@code <challenge/>}, {@code <success/>} or
 * {@code <failure/>} (RFC 6120 section 6.4).
 *
 * <p>The records hold byte arrays, so {@code equals} compares the arrays by identity.
 */
public sealed interface SaslStep {

    /**
     * More data for the client, which must reply with {@code <response/>}.
     *
     * @param data the challenge, possibly empty
     */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * The client authenticated.
     *
     * @param additionalData data for {@code <success/>}, such as SCRAM's server signature, or
     *     null when there is none
     * @param username the authenticated account: a prepared localpart
     */
    record Success(byte[] additionalData, String username) implements SaslStep {
        public Success {
            Objects.requireNonNull(username, "username");
        }
    }

    /**
     * The exchange failed.
     *
     * @param condition the RFC 6120 condition
     * @param text a human-readable explanation for {@code <text/>}, or null. It never reveals
     *     whether the account exists.
     */
    record Failure(SaslCondition condition, String text) implements SaslStep {
        public Failure {
            Objects.requireNonNull(condition, "condition");
        }
    }
}
