package dev.tern.server.module;

import dev.tern.hotload.ApiModule;
import dev.tern.hotload.ModuleManager;
import dev.tern.kernel.Kernel;
import dev.tern.server.module.probe.Probe;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.server.storage.H2Database;
import dev.tern.server.testing.ModuleJars;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A module host on a kernel with an H2 database and a recording router, and a module manager over
 * a repository of toy modules that a test lays out from its own classes. The toys see the XMPP
 * module API and the {@link Probe} package only.
 */
final class HostFixture implements AutoCloseable {

    static final String DOMAIN = "example.com";
    static final Jid ALICE = Jid.parse("alice@example.com/phone");

    /** What the host shows of the modules' registrations, for comparing before and after a module ran. */
    record Snapshot(Set<IqKey> iqKeys, int hooks, int listeners, Set<String> features, List<DiscoIdentity> identities,
            Set<Class<?>> providers, List<Specification> specifications, Map<String, Long> counters,
            Map<String, String> modules) {

        static Snapshot of(ModuleHost host) {
            DispatchTables tables = host.tables();
            return new Snapshot(Set.copyOf(tables.iqHandlers().keySet()), tables.hookCount(),
                    tables.sessionListeners().size(), Set.copyOf(tables.features()), List.copyOf(tables.identities()),
                    Set.copyOf(tables.providers().keySet()), List.copyOf(tables.specifications()), host.counters(),
                    host.modules());
        }
    }

    /** The probe package as an API module, so toys and the test share {@link Probe}. */
    static final ApiModule PROBE_API = new ApiModule("tern.probe", "1.0.0", Probe.class.getClassLoader(),
            Set.of("dev.tern.server.module.probe"));

    final Kernel kernel = Kernel.builder().name("module-host-test").build();
    final H2Database database;
    final RecordingRouter router = new RecordingRouter();
    final ModuleHost host;
    final Path repository;
    final ModuleManager<?> manager;
    private final Map<String, Map<String, String>> configuration = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    HostFixture(Path directory) {
        Probe.clear();
        database = H2Database.open(directory.resolve("data"));
        repository = directory.resolve("modules");
        host = new ModuleHost(DOMAIN, database, new MapSessions(), router);
        manager = FeatureModules.builder(kernel, host, repository)
                .apiModule(PROBE_API)
                .configuration(module -> configuration.getOrDefault(module, Map.of()))
                .build();
    }

    /** Sets the configured options of {@code module}, read when a version of it loads. */
    void configure(String module, Map<String, String> options) {
        configuration.put(module, Map.copyOf(options));
    }

    /**
     * Lays out a toy module version made of {@code classes}, whose first class is the entry, with
     * the descriptor lines {@code extra} (options, dependencies) besides name, version, entry and APIs.
     */
    void installToy(String name, String version, Map<String, String> extra, Class<?>... classes) {
        Properties descriptor = new Properties();
        descriptor.setProperty("name", name);
        descriptor.setProperty("version", version);
        descriptor.setProperty("entry", classes[0].getName());
        descriptor.setProperty("api.tern.xmpp", "[0.1,1)");
        descriptor.setProperty("api.tern.probe", "[1.0,2.0)");
        extra.forEach(descriptor::setProperty);
        ModuleJars.installClasses(repository, descriptor, List.of(classes));
    }

    /** Builds an IQ request from Alice's phone to {@code to} with a {@code <query/>} payload in {@code namespace}. */
    IqRequest iq(String type, Jid to, String namespace) {
        Element payload = Element.of(namespace, "query");
        Element stanza = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", type)
                .attribute("id", "iq-" + ids.incrementAndGet())
                .attribute("from", ALICE.toString())
                .attribute("to", to.toString())
                .child(payload)
                .build();
        return new IqRequest(stanza, ALICE, to, payload);
    }

    /** Dispatches {@code request} with the target the router would choose: the bare domain is the server, anything else an account. */
    ModuleDispatch.IqOutcome dispatch(IqRequest request) {
        IqTarget target = request.to().localpart() == null ? IqTarget.SERVER : IqTarget.ACCOUNT;
        return host.dispatchIq(target, request);
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
