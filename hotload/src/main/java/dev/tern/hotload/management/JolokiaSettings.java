package dev.tern.hotload.management;

import java.util.Objects;

/**
 * The listening address and the credentials of the Jolokia endpoint.
 *
 * @param bindAddress the address to listen on; keep the default {@code 127.0.0.1} unless the
 *                    endpoint sits behind TLS termination, because Basic authentication sends
 *                    the password in clear text
 * @param port        the TCP port, or 0 for an ephemeral one (tests)
 * @param user        the only user name accepted
 * @param credential  that user's password as a SCRAM-SHA-256 hash
 */
public record JolokiaSettings(String bindAddress, int port, String user, ScramCredential credential) {

    /** The bind address unless configured otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    public JolokiaSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credential, "credential");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Jolokia port must be between 0 and 65535, got " + port);
        }
        if (user.isBlank() || user.contains(":")) {
            throw new IllegalArgumentException("Jolokia user must be non-empty and contain no ':', got '" + user + "'");
        }
    }

    /** Returns settings for the loopback address. */
    public static JolokiaSettings loopback(int port, String user, ScramCredential credential) {
        return new JolokiaSettings(LOOPBACK, port, user, credential);
    }
}
