package dev.tern.server.auth.sasl;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.tern.server.auth.CredentialSource;
import dev.tern.server.auth.ScramAlgorithm;
import dev.tern.server.auth.sasl.SaslStep.Failure;

/**
 * The SASL mechanisms that the server offers, and the factory for one exchange of each.
 * Instances are thread-safe and shared by all connections.
 */
public final class SaslMechanisms {

    private static final int SERVER_NONCE_BYTES = 18;

    private final CredentialSource credentials;
    private final String domain;
    private final Supplier<String> serverNonces;

    /**
     * Creates the factory with random server nonces.
     *
     * @param domain the server's domain, for authzid checks
     */
    public SaslMechanisms(CredentialSource credentials, String domain) {
        this(credentials, domain, randomNonces(new SecureRandom()));
    }

    /** Creates the factory with a nonce source, which tests use to replay published exchanges. */
    public SaslMechanisms(CredentialSource credentials, String domain, Supplier<String> serverNonces) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
    }

    /**
     * Returns the mechanism names for {@code <mechanisms/>}, strongest first. PLAIN is listed
     * only on encrypted streams.
     */
    public List<String> advertised(boolean encrypted) {
        if (encrypted) {
            return List.of(ScramAlgorithm.SHA_256.mechanismName(), ScramAlgorithm.SHA_1.mechanismName(),
                    PlainMechanism.NAME);
        }
        return List.of(ScramAlgorithm.SHA_256.mechanismName(), ScramAlgorithm.SHA_1.mechanismName());
    }

    /**
     * Creates the server side of one exchange with the mechanism {@code name}. For a name the
     * server does not offer, it returns a mechanism whose first step fails with
     * {@code invalid-mechanism}, or with {@code encryption-required} for PLAIN on an
     * unencrypted stream, so that the caller handles every case the same way.
     */
    public SaslMechanism create(String name, boolean encrypted) {
        ScramAlgorithm algorithm = ScramAlgorithm.forMechanism(name);
        if (algorithm != null) {
            return new ScramMechanism(algorithm, credentials, domain, serverNonces);
        }
        if (PlainMechanism.NAME.equals(name)) {
            if (!encrypted) {
                return new RejectedMechanism(name, new Failure(SaslCondition.ENCRYPTION_REQUIRED,
                        "PLAIN sends the password in clear text, so it needs TLS; use STARTTLS first"));
            }
            return new PlainMechanism(credentials, domain);
        }
        return new RejectedMechanism(String.valueOf(name), new Failure(SaslCondition.INVALID_MECHANISM,
                "Mechanism is not supported; use one of " + advertised(encrypted)));
    }

    private static Supplier<String> randomNonces(SecureRandom random) {
        // Base64 has no commas and is printable, as RFC 5802 requires of a nonce.
        return () -> {
            byte[] bytes = new byte[SERVER_NONCE_BYTES];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        };
    }

    /** A mechanism that fails at its first step, for names the server does not offer. */
    private static final class RejectedMechanism implements SaslMechanism {

        private final String name;
        private final Failure failure;
        private boolean ended;

        RejectedMechanism(String name, Failure failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            if (ended) {
                throw new IllegalStateException("Exchange with rejected mechanism '" + name + "' has already ended");
            }
            ended = true;
            return failure;
        }

        @Override
        public String authenticationId() {
            return null;
        }
    }
}
