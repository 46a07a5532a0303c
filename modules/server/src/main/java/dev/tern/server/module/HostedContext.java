package dev.tern.server.module;

import dev.tern.hotload.api.ModuleTimer;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.module.Cancellable;
import dev.tern.xmpp.api.module.Counter;
import dev.tern.xmpp.api.module.IqHandler;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;
import dev.tern.xmpp.api.module.ModuleStorage;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.ServiceRef;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.Sessions;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The {@link ModuleContext} of one version of one module. Registrations for dispatch go into the
 * version's {@link Registrations}, which the host publishes when the module's start returns.
 *
 * <p>Services and timers go through hotload's context of the version ({@code managed}), which
 * records them, migrates services to the next version by name and undoes the rest when the
 * version stops or is replaced. A built-in module has no such context, so it can register for
 * dispatch but cannot spawn services or schedule timers.
 */
final class HostedContext implements ModuleContext {

    private final ModuleHost host;
    private final String moduleName;
    private final String version;
    private final Map<String, String> options;
    private final Registrations registrations;
    private final dev.tern.hotload.api.ModuleContext<Registrations> managed;
    private final System.Logger logger;
    private final ModuleStorage storage;

    private HostedContext(ModuleHost host, String moduleName, String version, Map<String, String> options,
            dev.tern.hotload.api.ModuleContext<Registrations> managed) {
        this.host = host;
        this.moduleName = moduleName;
        this.version = version;
        this.options = Map.copyOf(options);
        this.registrations = new Registrations(moduleName, version);
        this.managed = managed;
        this.logger = new Slf4jSystemLogger(LoggerFactory.getLogger("tern.module." + moduleName));
        this.storage = new DatabaseModuleStorage(host.database(), moduleName);
    }

    /** Returns the context of a module version that hotload loaded, with its options as text. */
    static HostedContext managed(ModuleHost host, dev.tern.hotload.api.ModuleContext<Registrations> managed) {
        return new HostedContext(host, managed.moduleName(), managed.version(), optionTexts(managed), managed);
    }

    /** Returns the context of a built-in module, which runs in the server's class loader. */
    static HostedContext builtIn(ModuleHost host, String moduleName, String version, Map<String, String> options) {
        return new HostedContext(host, moduleName, version, options, null);
    }

    /** Returns the registrations, sealed: the module's start has returned. */
    Registrations seal() {
        return registrations.seal();
    }

    /** Returns the registrations so far, sealed or not. */
    Registrations registrations() {
        return registrations;
    }

    @Override
    public String domain() {
        return host.domain();
    }

    @Override
    public void implement(String specification, String specificationVersion, String status) {
        registrations.addSpecification(new Specification(moduleName, specification, specificationVersion, status));
    }

    @Override
    public void handleIq(IqTarget target, IqType type, String namespace, IqHandler handler) {
        Objects.requireNonNull(handler, "handler");
        IqKey key = new IqKey(target, type, namespace);
        DispatchTables.IqBinding holder = host.tables().iqHandler(key);
        if (holder != null && !holder.module().equals(moduleName)) {
            throw new IllegalStateException("Module '" + moduleName + "' cannot handle " + key + ": module '"
                    + holder.module() + "' already handles it");
        }
        registrations.addIqHandler(key, handler);
    }

    @Override
    public void hook(StanzaEvent event, int priority, StanzaHook hook) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hook, "hook");
        registrations.addHook(new Registrations.HookRegistration(event, priority, host.nextHookSequence(), hook));
    }

    @Override
    public void onSession(SessionListener listener) {
        registrations.addSessionListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void addFeature(String feature) {
        registrations.addFeature(Objects.requireNonNull(feature, "feature"));
    }

    @Override
    public void addIdentity(String category, String type, String name) {
        registrations.addIdentity(new DiscoIdentity(category, type, name));
    }

    /**
     * Returns the configured value of {@code option}, or its default.
     *
     * @throws IllegalArgumentException from the option's parser, naming the option, for a bad
     *     configured value; thrown from the module's start, it fails the start
     */
    @Override
    public <T> T option(ModuleOption<T> option) {
        String text = options.get(option.name());
        return text == null ? option.defaultValue() : option.parser().apply(text);
    }

    @Override
    public ModuleStorage storage() {
        return storage;
    }

    /** Routes {@code stanza}; this keeps working after the module stopped, for replies its in-flight handlers send. */
    @Override
    public void route(Element stanza) {
        Objects.requireNonNull(stanza, "stanza");
        if (stanza.attribute("from") == null) {
            throw new IllegalArgumentException("Module '" + moduleName + "' routed a " + stanza.name()
                    + " without a 'from' address; set 'from' before routing");
        }
        host.router().route(stanza);
    }

    @Override
    public Sessions sessions() {
        return host.sessions();
    }

    /**
     * Starts {@code service} as a server of the module, registered in the kernel as
     * {@code tern.module.<module>.<name>}. During an upgrade, a name the running version used
     * takes over that process: hotload suspends it and converts its state with
     * {@link Service#codeChange} at the switch.
     */
    @Override
    public <S> ServiceRef spawn(String name, Service<S> service, Object args) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        dev.tern.hotload.api.ModuleContext<Registrations> context = requireManaged("spawn service '" + name + "'");
        String registeredName = "tern.module." + moduleName + "." + name;
        context.startServer(name, registeredName, new ServiceAdapter(service, moduleName, name), args);
        return new HostedServiceRef(context.kernel(), registeredName, moduleName, name);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable action) {
        ModuleTimer timer = requireManaged("schedule a timer").schedule(delay, action);
        return timer::cancel;
    }

    @Override
    public Cancellable every(Duration period, Runnable action) {
        ModuleTimer timer = requireManaged("schedule a timer").every(period, action);
        return timer::cancel;
    }

    @Override
    public System.Logger log() {
        return logger;
    }

    @Override
    public Counter counter(String name) {
        Objects.requireNonNull(name, "name");
        registrations.addCounter(name);
        return host.counter(moduleName, name);
    }

    @Override
    public <T> void provide(Class<T> api, T implementation) {
        Objects.requireNonNull(api, "api");
        if (!api.isInstance(implementation)) {
            throw new IllegalArgumentException("Module '" + moduleName + "' provided " + implementation + " as "
                    + api.getName() + ", which it does not implement");
        }
        DispatchTables.ProviderBinding holder = host.tables().provider(api);
        if (holder != null && !holder.module().equals(moduleName)) {
            throw new IllegalStateException("Module '" + moduleName + "' cannot provide " + api.getName()
                    + ": module '" + holder.module() + "' already provides it");
        }
        registrations.addProvider(api, implementation);
    }

    /**
     * Finds the current implementation of {@code api}. Call it for each use and do not keep the
     * result, because an upgrade of the providing module switches to another instance.
     */
    @Override
    public <T> Optional<T> lookup(Class<T> api) {
        Object own = registrations.providers().get(api);
        if (own != null) {
            return Optional.of(api.cast(own));
        }
        return host.lookup(api);
    }

    private dev.tern.hotload.api.ModuleContext<Registrations> requireManaged(String what) {
        if (managed == null) {
            throw new UnsupportedOperationException("Built-in module '" + moduleName + "' cannot " + what
                    + "; only modules loaded from the module repository have processes and timers");
        }
        return managed;
    }

    private static Map<String, String> optionTexts(dev.tern.hotload.api.ModuleContext<Registrations> managed) {
        Map<String, String> texts = new LinkedHashMap<>();
        managed.options().asMap().forEach((name, value) -> texts.put(name, String.valueOf(value)));
        return texts;
    }
}
