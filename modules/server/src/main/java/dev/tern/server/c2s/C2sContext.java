package dev.tern.server.c2s;

import dev.tern.kernel.Kernel;
import dev.tern.server.auth.sasl.LoginThrottle;
import dev.tern.server.auth.sasl.SaslMechanisms;
import dev.tern.server.config.ServerConfig;
import dev.tern.server.router.Router;
import dev.tern.server.session.SessionManager;
import java.util.Objects;

/**
 * The shared dependencies of all client streams: the configuration, the session table, the
 * router and the SASL machinery. Thread-safe, with one instance per server.
 */
public record C2sContext(Kernel kernel, ServerConfig config, SessionManager sessions, Router router,
        SaslMechanisms mechanisms, LoginThrottle throttle) {

    public C2sContext {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(mechanisms, "mechanisms");
        Objects.requireNonNull(throttle, "throttle");
    }

    String domain() {
        return config.domain();
    }
}
