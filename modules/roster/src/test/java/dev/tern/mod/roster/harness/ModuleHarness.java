package dev.tern.mod.roster.harness;

import dev.tern.kernel.Kernel;
import dev.tern.server.module.ModuleHost;
import dev.tern.server.storage.H2Database;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.FeatureModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A server in one process for module tests: the real {@link ModuleHost} on a kernel and an H2
 * database in {@code directory}, with an in-memory session table and router standing in for the
 * server core. Its domain is {@value #DOMAIN}; stanzas to other domains are kept as routed to
 * remote servers.
 */
public final class ModuleHarness implements AutoCloseable {

    public static final String DOMAIN = "example.com";

    private final Kernel kernel = Kernel.builder().name("module-harness").build();
    private final H2Database database;
    private final InMemorySessions sessions = new InMemorySessions();
    private final InMemoryRouter router = new InMemoryRouter(DOMAIN, sessions);
    private final ModuleHost host;

    public ModuleHarness(Path directory) {
        database = H2Database.open(directory);
        host = new ModuleHost(kernel, DOMAIN, database, sessions, router);
        router.attach(host);
    }

    public ModuleHost host() {
        return host;
    }

    public InMemorySessions sessions() {
        return sessions;
    }

    /** Starts {@code module} as version 1 with no configuration. */
    public void start(String name, FeatureModule module) {
        host.start(name, module, "1", Map.of());
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
        host.close();
        kernel.close();
        database.close();
    }
}
