package dev.tern.server;

import dev.tern.hotload.ModuleManager;
import dev.tern.kernel.ChildSpec;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.GenStatem;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.Supervisor;
import dev.tern.kernel.SupervisorSpec;
import dev.tern.server.auth.AccountSchema;
import dev.tern.server.auth.AccountStore;
import dev.tern.server.auth.CredentialPolicy;
import dev.tern.server.auth.sasl.LoginThrottle;
import dev.tern.server.auth.sasl.SaslMechanisms;
import dev.tern.server.c2s.C2sContext;
import dev.tern.server.c2s.C2sStream;
import dev.tern.server.config.ServerConfig;
import dev.tern.server.jmx.ManagementEndpoint;
import dev.tern.server.module.FeatureModules;
import dev.tern.server.module.ModuleHost;
import dev.tern.server.net.C2sListeners;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.server.router.Router;
import dev.tern.server.session.Kick;
import dev.tern.server.session.SessionManager;
import dev.tern.server.storage.H2Database;
import dev.tern.server.storage.SchemaMigrator;
import dev.tern.server.tls.ServerSslContexts;
import dev.tern.server.tls.TlsMaterial;
import dev.tern.server.tls.TlsSettings;
import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XMPP server: the process kernel, storage, TLS, the session table, the router with the
 * module host, the feature modules, the session supervisor, the client listeners and the
 * management endpoint, started in that order and stopped in reverse. The feature modules named in
 * {@code modules.enabled} start from the module repository through hotload's module manager, in
 * dependency order.
 *
 * <p>Start it with {@link #start}; with ports 0 in the configuration it binds ephemeral ports,
 * which {@link #c2sPort()} and {@link #directTlsPort()} return.
 */
public final class TernServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TernServer.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final ServerConfig config;
    private final Kernel kernel;
    private final H2Database database;
    private final AccountStore accounts;
    private final X509Certificate certificate;
    private final SessionManager sessions;
    private final Router router;
    private final ModuleHost modules;
    private final ModuleManager<?> moduleManager;
    private final Pid streamSupervisor;
    private final C2sListeners listeners;
    private volatile ManagementEndpoint management;
    private Thread shutdownHook;
    private boolean stopped;

    private TernServer(ServerConfig config, Kernel kernel, H2Database database, AccountStore accounts,
            X509Certificate certificate, SessionManager sessions, Router router, ModuleHost modules,
            ModuleManager<?> moduleManager, Pid streamSupervisor, C2sListeners listeners) {
        this.config = config;
        this.kernel = kernel;
        this.database = database;
        this.accounts = accounts;
        this.certificate = certificate;
        this.sessions = sessions;
        this.router = router;
        this.modules = modules;
        this.moduleManager = moduleManager;
        this.streamSupervisor = streamSupervisor;
        this.listeners = listeners;
    }

    /**
     * Starts the server and returns once the listeners accept connections. On failure
     * everything started so far is stopped again. The server MXBean's {@code stop()} stops the
     * server.
     */
    public static TernServer start(ServerConfig config) {
        return start(config, null);
    }

    /**
     * Starts the server as {@link #start(ServerConfig)} does, with {@code managementStop} as what
     * the server MXBean's {@code stop()} runs; a launcher passes {@code () -> System.exit(0)} so
     * that its shutdown hook stops the server and the JVM ends.
     */
    public static TernServer start(ServerConfig config, Runnable managementStop) {
        Objects.requireNonNull(config, "config");
        Kernel kernel = Kernel.builder().name("tern").build();
        H2Database database = null;
        ModuleManager<?> moduleManager = null;
        C2sListeners listeners = null;
        TernServer server = null;
        try {
            database = openStorage(config);
            AccountStore accounts = new AccountStore(database,
                    CredentialPolicy.withIterations(config.auth().scramIterations()));

            TlsMaterial material = TlsMaterial.load(new TlsSettings(config.domain(), config.dataDirectory(),
                    config.tls().certificateChainFile(), config.tls().privateKeyFile()), Clock.systemUTC());
            SslContext sslContext = ServerSslContexts.build(material);

            SessionManager sessions = new SessionManager(kernel);
            Router router = new Router(config.domain(), sessions, accounts::exists, ModuleDispatch.NONE);
            ModuleHost modules = new ModuleHost(config.domain(), database, sessions, router::route);
            router.setModules(modules);
            moduleManager = startModules(kernel, modules, config.modules());

            C2sContext context = new C2sContext(kernel, config, sessions, router,
                    new SaslMechanisms(accounts, config.domain()),
                    new LoginThrottle(config.auth().throttle(), Clock.systemUTC()));
            Pid supervisor = startStreamSupervisor(kernel, context);

            listeners = C2sListeners.start(kernel, config, sslContext,
                    connection -> Supervisor.startChild(kernel, supervisor, List.of(connection)));
            LOG.info("Tern serves '{}' with data in '{}'", config.domain(), config.dataDirectory().toAbsolutePath());
            server = new TernServer(config, kernel, database, accounts, material.certificate(), sessions, router,
                    modules, moduleManager, supervisor, listeners);
            server.startManagement(managementStop == null ? server::stop : managementStop);
            return server;
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
                throw e;
            }
            if (listeners != null) {
                listeners.close();
            }
            if (moduleManager != null) {
                moduleManager.close();
            }
            kernel.close();
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    /** Creates the module manager over the repository and starts the enabled modules in dependency order. */
    private static ModuleManager<?> startModules(Kernel kernel, ModuleHost host, ServerConfig.Modules settings) {
        ModuleManager<?> manager = FeatureModules.builder(kernel, host, settings.repository())
                .configuration(settings::options)
                .build();
        try {
            FeatureModules.startEnabled(manager, settings.enabled(), settings::version);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        LOG.info("Module repository '{}' with modules {} running", settings.repository(), host.modules().keySet());
        return manager;
    }

    /** Registers the MXBeans and starts the Jolokia endpoint. */
    private void startManagement(Runnable stopAction) {
        try {
            management = ManagementEndpoint.start(config.management(), moduleManager, this, stopAction);
        } catch (Exception e) {
            throw new IllegalStateException("Starting the management endpoint failed: " + e.getMessage()
                    + "; fix the management.* settings, or set management.port=-1 to turn the endpoint off", e);
        }
    }

    /** Opens the H2 database in the data folder and applies the account schema's migrations. */
    static H2Database openStorage(ServerConfig config) {
        H2Database database = H2Database.open(config.dataDirectory());
        try {
            new SchemaMigrator(database).register(AccountSchema.OWNER, AccountSchema.MIGRATIONS).migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Pid startStreamSupervisor(Kernel kernel, C2sContext context) {
        C2sStream callbacks = new C2sStream(context);
        ChildSpec template = ChildSpec.worker("c2s-stream",
                        (k, extraArgs) -> GenStatem.startLink(k, callbacks, extraArgs.getFirst()))
                .withRestart(ChildSpec.Restart.TEMPORARY)
                .withShutdown(ChildSpec.Shutdown.timeout(Duration.ofSeconds(1)));
        return Supervisor.start(kernel, "c2s_sup", SupervisorSpec.of(SupervisorSpec.Strategy.SIMPLE_ONE_FOR_ONE,
                List.of(template)));
    }

    /** Stops the server when the JVM gets SIGTERM or exits; returns this server. */
    public synchronized TernServer installShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stop, "tern-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /**
     * Stops the server: the management endpoint closes, every stream gets
     * {@code system-shutdown} and closes, then the listeners, the feature modules, the kernel and
     * the database stop. Calling it again does nothing.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        LOG.info("Stopping Tern with {} open client connections", listeners.connectionCount());

        ManagementEndpoint endpoint = management;
        if (endpoint != null) {
            try {
                endpoint.close();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the management endpoint failed; stopping the rest of the server anyway", e);
            }
        }

        listeners.stopAccepting();
        boolean closed = listeners.closeAll(kernel, new Kick(StreamErrorCondition.SYSTEM_SHUTDOWN,
                "The server is shutting down"), SHUTDOWN_WAIT);
        if (!closed) {
            LOG.warn("{} client connections did not close within {} s; closing them now",
                    listeners.connectionCount(), SHUTDOWN_WAIT.toSeconds());
        }
        listeners.close();
        try {
            Supervisor.stop(kernel, streamSupervisor, ExitReason.SHUTDOWN);
        } catch (RuntimeException e) {
            LOG.warn("Stopping the stream supervisor failed", e);
        }

        moduleManager.close();
        modules.close();
        kernel.close();
        database.close();
        removeShutdownHook();
        LOG.info("Tern stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, and the hook is what runs this.
            }
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** Returns the bound STARTTLS port. */
    public int c2sPort() {
        return listeners.starttlsPort();
    }

    /** Returns the bound direct TLS port, or -1 when disabled. */
    public int directTlsPort() {
        return listeners.directTlsPort();
    }

    public AccountStore accounts() {
        return accounts;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public Router router() {
        return router;
    }

    /** Returns the module host: the dispatch tables of the feature modules and the APIs they provide. */
    public ModuleHost modules() {
        return modules;
    }

    /** Returns hotload's module manager, which installs, starts, upgrades and stops the feature modules. */
    public ModuleManager<?> moduleManager() {
        return moduleManager;
    }

    /** Returns the URL of the management endpoint, ending in {@code /jolokia/}, or empty when it is off. */
    public Optional<URI> managementUrl() {
        ManagementEndpoint endpoint = management;
        return endpoint == null ? Optional.empty() : endpoint.url();
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Returns the TLS certificate the listeners present, so that tests and tools can trust it. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Returns the number of open client connections, authenticated or not. */
    public int connectionCount() {
        return listeners.connectionCount();
    }
}
