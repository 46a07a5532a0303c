package dev.tern.server.config;

import dev.tern.server.auth.sasl.LoginThrottle;
import dev.tern.server.xml.XmlLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param modules       the module repository and the feature modules to start from it
 * @param management    the management endpoint (JMX over Jolokia's HTTP)
 */
public record ServerConfig(String domain, Path dataDirectory, C2s c2s, Tls tls, Auth auth, XmlLimits xmlLimits,
        Modules modules, Management management) {

    public ServerConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(c2s, "c2s");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(xmlLimits, "xmlLimits");
        Objects.requireNonNull(modules, "modules");
        Objects.requireNonNull(management, "management");
    }

    /**
     * Returns the defaults with {@code dataDirectory}, as an empty properties file gives, except
     * that the module repository is the folder {@code modules} beside the data folder.
     */
    public static ServerConfig defaults(Path dataDirectory) {
        return new ServerConfig(ConfigLoader.DEFAULT_DOMAIN, dataDirectory, C2s.defaults(), Tls.defaults(),
                Auth.defaults(), XmlLimits.DEFAULTS, Modules.none(dataDirectory.resolveSibling("modules")),
                Management.defaults(dataDirectory));
    }

    public ServerConfig withDomain(String value) {
        return new ServerConfig(value, dataDirectory, c2s, tls, auth, xmlLimits, modules, management);
    }

    public ServerConfig withC2s(C2s value) {
        return new ServerConfig(domain, dataDirectory, value, tls, auth, xmlLimits, modules, management);
    }

    public ServerConfig withTls(Tls value) {
        return new ServerConfig(domain, dataDirectory, c2s, value, auth, xmlLimits, modules, management);
    }

    public ServerConfig withAuth(Auth value) {
        return new ServerConfig(domain, dataDirectory, c2s, tls, value, xmlLimits, modules, management);
    }

    public ServerConfig withXmlLimits(XmlLimits value) {
        return new ServerConfig(domain, dataDirectory, c2s, tls, auth, value, modules, management);
    }

    public ServerConfig withModules(Modules value) {
        return new ServerConfig(domain, dataDirectory, c2s, tls, auth, xmlLimits, value, management);
    }

    public ServerConfig withManagement(Management value) {
        return new ServerConfig(domain, dataDirectory, c2s, tls, auth, xmlLimits, modules, value);
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

    /**
     * The module repository and the feature modules the server starts from it.
     *
     * @param repository the folder of module versions, laid out as {@code <name>/<version>/<jar>}
     * @param enabled    the modules to start, in the order given; the server starts them in
     *                   dependency order
     * @param versions   module name to the version to start; a module without one starts at the
     *                   highest version in the repository
     * @param options    module name to its options, option name to text as configured
     */
    public record Modules(Path repository, List<String> enabled, Map<String, String> versions,
            Map<String, Map<String, String>> options) {

        public Modules {
            Objects.requireNonNull(repository, "repository");
            enabled = List.copyOf(enabled);
            versions = Map.copyOf(versions);
            options = Map.copyOf(options);
        }

        /** Returns the configuration that starts no module from {@code repository}. */
        public static Modules none(Path repository) {
            return new Modules(repository, List.of(), Map.of(), Map.of());
        }

        /** Returns the configured version of {@code module}, or empty for the highest in the repository. */
        public Optional<String> version(String module) {
            return Optional.ofNullable(versions.get(module));
        }

        /** Returns the configured options of {@code module}, option name to text. */
        public Map<String, String> options(String module) {
            return options.getOrDefault(module, Map.of());
        }

        /** Returns this configuration with {@code modules} enabled instead of the configured ones. */
        public Modules withEnabled(List<String> modules) {
            return new Modules(repository, modules, versions, options);
        }
    }

    /**
     * The management endpoint: the MXBeans of the modules and of the server, over Jolokia's HTTP
     * and JSON. JMX remote over RMI is never started.
     *
     * @param bindAddress  the address Jolokia listens on. Keep loopback unless TLS terminates in
     *                     front of it, because HTTP Basic authentication sends the password in clear text.
     * @param port         the TCP port, 0 for an ephemeral port, or -1 to start no endpoint (the
     *                     MXBeans are still registered in the platform MBean server)
     * @param user         the only user name the endpoint accepts
     * @param passwordFile the file with that user's password; created with a random password and
     *                     owner-only permissions when it does not exist
     */
    public record Management(String bindAddress, int port, String user, Path passwordFile) {

        /** The port when none is configured. */
        public static final int DEFAULT_PORT = 8778;

        /** The user name when none is configured. */
        public static final String DEFAULT_USER = "admin";

        /** The name of the password file in the data folder when no other file is configured. */
        public static final String DEFAULT_PASSWORD_FILE = "management.password";

        public Management {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(passwordFile, "passwordFile");
            if (port < -1 || port > 65_535) {
                throw new ConfigException("management.port is " + port + "; use a TCP port from 0 (ephemeral) to "
                        + "65535, or -1 to start no management endpoint");
            }
        }

        /** Returns the defaults: port 8778 on 127.0.0.1, user {@code admin}, the password file in {@code dataDirectory}. */
        public static Management defaults(Path dataDirectory) {
            return new Management("127.0.0.1", DEFAULT_PORT, DEFAULT_USER, dataDirectory.resolve(DEFAULT_PASSWORD_FILE));
        }

        /** Returns true when the Jolokia endpoint is to be started. */
        public boolean endpointEnabled() {
            return port >= 0;
        }

        public Management withPort(int value) {
            return new Management(bindAddress, value, user, passwordFile);
        }

        public Management withPasswordFile(Path value) {
            return new Management(bindAddress, port, user, value);
        }
    }
}
