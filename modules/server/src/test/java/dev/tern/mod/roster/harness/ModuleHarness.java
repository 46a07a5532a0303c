package dev.tern.mod.roster.harness;

import dev.tern.hotload.ModuleManager;
import dev.tern.kernel.Kernel;
import dev.tern.mod.presence.PresenceModule;
import dev.tern.mod.roster.RosterModule;
import dev.tern.server.module.FeatureModules;
import dev.tern.server.module.ModuleHost;
import dev.tern.server.storage.H2Database;
import dev.tern.server.testing.ModuleJars;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.roster.Roster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server in one process for module tests: the real {@link ModuleHost} and module manager on a
 * kernel and an H2 database in {@code directory}, with an in-memory session table and router
 * standing in for the server core. The roster and presence jars are laid out in a module
 * repository in {@code directory}, and the modules load from there as in the server. Its domain
 * is {@value #DOMAIN}; stanzas to other domains are kept as routed to remote servers.
 */
public final class ModuleHarness implements AutoCloseable {

    public static final String DOMAIN = "example.com";

    private final Kernel kernel = Kernel.builder().name("module-harness").build();
    private final H2Database database;
    private final InMemorySessions sessions = new InMemorySessions();
    private final InMemoryRouter router = new InMemoryRouter(DOMAIN, sessions);
    private final Path repository;
    private final ModuleHost host;
    private final ModuleManager<?> manager;

    /** Creates the harness with no options for any module. */
    public ModuleHarness(Path directory) {
        this(directory, Map.of());
    }

    /** Creates the harness with {@code options}: module name to option name to text. */
    public ModuleHarness(Path directory, Map<String, Map<String, String>> options) {
        database = H2Database.open(directory.resolve("data"));
        repository = directory.resolve("modules");
        ModuleJars.install(repository, RosterModule.class);
        ModuleJars.install(repository, PresenceModule.class);
        host = new ModuleHost(DOMAIN, database, sessions, router);
        router.attach(host);
        manager = FeatureModules.builder(kernel, host, repository)
                .configuration(module -> options.getOrDefault(module, Map.of()))
                .build();
    }

    public ModuleHost host() {
        return host;
    }

    public ModuleManager<?> manager() {
        return manager;
    }

    public InMemorySessions sessions() {
        return sessions;
    }

    /** Starts {@code modules} from the repository, in dependency order. */
    public void start(String... modules) {
        FeatureModules.startEnabled(manager, List.of(modules), module -> Optional.empty());
    }

    /** Adds {@code version} of {@code module} to the repository: the same code with that version in its descriptor. */
    public void addVersion(String module, String version) {
        Class<?> entry = switch (module) {
            case "roster" -> RosterModule.class;
            case "presence" -> PresenceModule.class;
            default -> throw new IllegalArgumentException("No module '" + module + "' in this harness");
        };
        ModuleJars.installVariant(repository, entry, version, List.of(), descriptor -> descriptor);
    }

    /** Returns the Roster API that the running roster module provides; look it up for each use. */
    public Roster roster() {
        return host.lookup(Roster.class).orElseThrow(() -> new IllegalStateException("No roster module runs"));
    }

    /** Binds {@code fullJid} as a new session and notifies the modules, as resource binding does. */
    public TestClient connect(String fullJid) {
        Jid jid = Jid.parse(fullJid);
        InMemorySessions.BoundSession session = sessions.bind(jid);
        host.sessionOpened(jid);
        return new TestClient(jid, session, router);
    }

    /** Ends the session of {@code client}: it leaves the session table, then the modules hear of it. */
    public void disconnect(TestClient client) {
        Element lastPresence = sessions.unbind(client.jid());
        host.sessionClosed(client.jid(), lastPresence);
    }

    /** Delivers {@code stanza} as if a remote server sent it; its {@code from} is the remote sender. */
    public void receiveFromRemote(Element stanza) {
        router.route(stanza);
    }

    /** Returns the stanzas routed to other domains, in order. */
    public List<Element> remote() {
        return router.remote();
    }

    public void clearRemote() {
        router.clearRemote();
    }

    @Override
    public void close() {
        try {
            manager.close();
            host.close();
        } finally {
            kernel.close();
            database.close();
        }
    }
}
