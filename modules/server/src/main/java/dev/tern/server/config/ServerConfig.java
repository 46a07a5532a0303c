package dev.tern.server.config;

import dev.tern.server.auth.sasl.LoginThrottle;
import dev.tern.server.xml.XmlLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The whole server configuration, as {@link ConfigLoader} reads it from a properties file.
 * {@link ConfigLoader} validates each value, and the records check the rules that span
 * several values.
 *
 * @param domain        the XMPP domain the server serves, such as {@code example.com}
 * @param dataDirectory the folder of the database and the generated TLS certificate
 * @param c2s           the client listeners and per-connection limits
 * @param tls           when TLS is required and where the certificate comes from
 * @param auth          SASL and credential settings
 * @param xmlLimits     the limits the stream decoder enforces on every element
 */
public record ServerConfig(String domain, Path dataDirectory, C2s c2s, Tls tls, Auth auth, XmlLimits xmlLimits) {

    public ServerConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(c2s, "c2s");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(xmlLimits, "xmlLimits");
    }

    /** Returns the defaults with {@code dataDirectory}, as an empty properties file gives. */
    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig(ConfigLoader.DEFAULT_DOMAIN, dataDirectory, C2s.defaults(), Tls.defaults(),
                Auth.defaults(), XmlLimits.DEFAULTS);
    }

    public ServerConfig withDomain(String value) {
        return new ServerConfig(value, dataDirectory, c2s, tls, auth, xmlLimits);
    }

    public ServerConfig withC2s(C2s value) {
        return new ServerConfig(domain, dataDirectory, value, tls, auth, xmlLimits);
    }

    public ServerConfig withTls(Tls value) {
        return new ServerConfig(domain, dataDirectory, c2s, value, auth, xmlLimits);
    }

    public ServerConfig withAuth(Auth value) {
        return new ServerConfig(domain, dataDirectory, c2s, tls, value, xmlLimits);
    }

    public ServerConfig withXmlLimits(XmlLimits value) {
        return new ServerConfig(domain, dataDirectory, c2s, tls, auth, value);
    }

    /**
     * The client-to-server listeners and the limits of each connection.
     *
     * @param bindAddress           the local address both listeners bind to
     * @param port                  the STARTTLS port (RFC 6120), 0 for an ephemeral port
     * @param directTlsPort         the direct TLS port (XEP-0368), 0 for an ephemeral port, or -1
     *                              to open no direct TLS listener
     * @param maxOutgoingQueueBytes bytes a session may have written but not yet sent before it
     *                              is closed as a slow reader with {@code policy-violation}
     * @param rateBytesPerSecond    sustained bytes per second a connection may send
     * @param rateBurstBytes        bytes a connection may send at once above the sustained rate
     * @param negotiationTimeout    time from connect to a bound resource before
     *                              {@code connection-timeout}
     * @param pingInterval          read silence after which an established session is pinged
     *                              (XEP-0199)
     * @param idleTimeout           read silence after which the stream is closed with
     *                              {@code connection-timeout}; longer than pingInterval
     * @param closeTimeout          how long the server waits for the peer's
     *                              {@code </stream:stream>} after closing its side
     * @param conflictPolicy        what binding an already bound full JID does
     */
    public record C2s(String bindAddress, int port, int directTlsPort, long maxOutgoingQueueBytes,
            long rateBytesPerSecond, long rateBurstBytes, Duration negotiationTimeout, Duration pingInterval,
            Duration idleTimeout, Duration closeTimeout, ConflictPolicy conflictPolicy) {

        public C2s {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(conflictPolicy, "conflictPolicy");
            if (!idleTimeout.minus(pingInterval).isPositive()) {
                throw new ConfigException("c2s.idle_timeout is " + idleTimeout + " but must be longer than "
                        + "c2s.ping_interval (" + pingInterval + "), so a ping can be answered before the stream "
                        + "is closed; raise c2s.idle_timeout or lower c2s.ping_interval");
            }
        }

        /** Returns the defaults: ports 5222 and 5223 on every address, the limits documented in {@link ConfigLoader}. */
        public static C2s defaults() {
            return new C2s("0.0.0.0", 5222, 5223, 1024 * 1024, 256 * 1024, 1024 * 1024, Duration.ofSeconds(60),
                    Duration.ofMinutes(4), Duration.ofMinutes(5), Duration.ofSeconds(5), ConflictPolicy.KICK_OLD);
        }

        public boolean directTlsEnabled() {
            return directTlsPort >= 0;
        }

        public C2s withPorts(int plainPort, int tlsPort) {
            return new C2s(bindAddress, plainPort, tlsPort, maxOutgoingQueueBytes, rateBytesPerSecond,
                    rateBurstBytes, negotiationTimeout, pingInterval, idleTimeout, closeTimeout, conflictPolicy);
        }

        public C2s withBindAddress(String value) {
            return new C2s(value, port, directTlsPort, maxOutgoingQueueBytes, rateBytesPerSecond, rateBurstBytes,
                    negotiationTimeout, pingInterval, idleTimeout, closeTimeout, conflictPolicy);
        }

        public C2s withRate(long bytesPerSecond, long burstBytes) {
            return new C2s(bindAddress, port, directTlsPort, maxOutgoingQueueBytes, bytesPerSecond, burstBytes,
                    negotiationTimeout, pingInterval, idleTimeout, closeTimeout, conflictPolicy);
        }

        public C2s withMaxOutgoingQueueBytes(long value) {
            return new C2s(bindAddress, port, directTlsPort, value, rateBytesPerSecond, rateBurstBytes,
                    negotiationTimeout, pingInterval, idleTimeout, closeTimeout, conflictPolicy);
        }

        public C2s withTimeouts(Duration negotiation, Duration ping, Duration idle, Duration close) {
            return new C2s(bindAddress, port, directTlsPort, maxOutgoingQueueBytes, rateBytesPerSecond,
                    rateBurstBytes, negotiation, ping, idle, close, conflictPolicy);
        }

        public C2s withConflictPolicy(ConflictPolicy value) {
            return new C2s(bindAddress, port, directTlsPort, maxOutgoingQueueBytes, rateBytesPerSecond,
                    rateBurstBytes, negotiationTimeout, pingInterval, idleTimeout, closeTimeout, value);
        }
    }

    /**
     * TLS policy and material.
     *
     * @param requiredForAuth      whether a STARTTLS stream must negotiate TLS before SASL
     *                             (STARTTLS is then advertised as {@code <required/>})
     * @param allowPlainWithoutTls whether SASL PLAIN is offered on unencrypted streams, which
     *                             sends passwords in clear text; only for tests behind a trusted link
     * @param certificateChainFile PEM certificate chain, or null for the generated self-signed one
     * @param privateKeyFile       PEM PKCS#8 key of the chain, or null with certificateChainFile
     */
    public record Tls(boolean requiredForAuth, boolean allowPlainWithoutTls, Path certificateChainFile,
            Path privateKeyFile) {

        public Tls {
            if ((certificateChainFile == null) != (privateKeyFile == null)) {
                throw new ConfigException("tls.certificate_chain_file and tls.private_key_file must be set together;"
                        + " got certificate_chain_file='" + certificateChainFile + "' and private_key_file='"
                        + privateKeyFile + "'. Set both, or neither to use a generated self-signed certificate");
            }
        }

        /** Returns the defaults: TLS required, no PLAIN without TLS, a generated certificate. */
        public static Tls defaults() {
            return new Tls(true, false, null, null);
        }
    }

    /**
     * Authentication settings.
     *
     * @param scramIterations PBKDF2 iterations for new SCRAM credentials
     * @param throttle        the limits on failed logins
     */
    public record Auth(int scramIterations, LoginThrottle.Settings throttle) {

        public Auth {
            Objects.requireNonNull(throttle, "throttle");
        }

        public static Auth defaults() {
            return new Auth(4096, LoginThrottle.Settings.defaults());
        }
    }
}
