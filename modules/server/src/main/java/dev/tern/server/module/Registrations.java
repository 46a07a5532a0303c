package dev.tern.server.module;

import dev.tern.xmpp.api.module.Cancellable;
import dev.tern.xmpp.api.module.IqHandler;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one version of one module registered through its context. The parts that enter
 * the dispatch tables (IQ handlers, hooks, session listeners, discovery entries, provided APIs
 * and specifications) may only be added while the module starts; {@link #seal()} then freezes
 * them. Services, timers and counters may be added for as long as the module runs, so those
 * parts are guarded by this object's lock.
 */
final class Registrations {

    /** A hook with the sequence number that orders hooks of equal priority by registration. */
    record HookRegistration(StanzaEvent event, int priority, long sequence, StanzaHook hook) {
    }

    /** A service that this version took over from its predecessor, with what to restore on rollback. */
    record MigratedService(String name, ModuleServices.ServiceCode previous) {
    }

    private final String moduleName;
    private final String version;

    private final Map<IqKey, IqHandler> iqHandlers = new LinkedHashMap<>();
    private final List<HookRegistration> hooks = new ArrayList<>();
    private final List<SessionListener> sessionListeners = new ArrayList<>();
    private final Set<String> features = new LinkedHashSet<>();
    private final List<DiscoIdentity> identities = new ArrayList<>();
    private final Map<Class<?>, Object> providers = new LinkedHashMap<>();
    private final List<Specification> specifications = new ArrayList<>();
    private volatile boolean sealed;

    // Guarded by this.
    private final Set<String> startedServices = new LinkedHashSet<>();
    private final Map<String, MigratedService> migratedServices = new LinkedHashMap<>();
    private final List<Cancellable> timers = new ArrayList<>();
    private final Set<String> counters = new LinkedHashSet<>();

    Registrations(String moduleName, String version) {
        this.moduleName = moduleName;
        this.version = version;
    }

    String moduleName() {
        return moduleName;
    }

    String version() {
        return version;
    }

    // ---------------------------------------------------------------- dispatch parts, until sealed

    void addIqHandler(IqKey key, IqHandler handler) {
        requireOpen("an IQ handler");
        if (iqHandlers.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException("Module '" + moduleName + "' registered two IQ handlers for " + key
                    + "; register one handler per target, type and namespace");
        }
    }

    void addHook(HookRegistration hook) {
        requireOpen("a hook");
        hooks.add(hook);
    }

    void addSessionListener(SessionListener listener) {
        requireOpen("a session listener");
        sessionListeners.add(listener);
    }

    void addFeature(String feature) {
        requireOpen("a discovery feature");
        features.add(feature);
    }

    void addIdentity(DiscoIdentity identity) {
        requireOpen("a discovery identity");
        identities.add(identity);
    }

    void addProvider(Class<?> api, Object implementation) {
        requireOpen("an API implementation");
        if (providers.putIfAbsent(api, implementation) != null) {
            throw new IllegalStateException("Module '" + moduleName + "' provided " + api.getName() + " twice");
        }
    }

    void addSpecification(Specification specification) {
        requireOpen("a specification");
        specifications.add(specification);
    }

    /** Freezes the dispatch parts; the module's start has returned. */
    void seal() {
        sealed = true;
    }

    boolean isSealed() {
        return sealed;
    }

    Map<IqKey, IqHandler> iqHandlers() {
        return iqHandlers;
    }

    List<HookRegistration> hooks() {
        return hooks;
    }

    List<SessionListener> sessionListeners() {
        return sessionListeners;
    }

    Set<String> features() {
        return features;
    }

    List<DiscoIdentity> identities() {
        return identities;
    }

    Map<Class<?>, Object> providers() {
        return providers;
    }

    List<Specification> specifications() {
        return specifications;
    }

    private void requireOpen(String what) {
        if (sealed) {
            throw new IllegalStateException("Module '" + moduleName + "' version '" + version + "' registered " + what
                    + " after its start returned; register it from FeatureModule.start");
        }
    }

    // ---------------------------------------------------------------- resources, for the module's lifetime

    synchronized void addStartedService(String name) {
        startedServices.add(name);
    }

    synchronized void addMigratedService(MigratedService service) {
        migratedServices.put(service.name(), service);
    }

    synchronized boolean hasService(String name) {
        return startedServices.contains(name) || migratedServices.containsKey(name);
    }

    synchronized List<String> startedServices() {
        return List.copyOf(startedServices);
    }

    synchronized List<MigratedService> migratedServices() {
        return List.copyOf(migratedServices.values());
    }

    /** Returns every service of this version, whether started or taken over. */
    synchronized List<String> services() {
        List<String> all = new ArrayList<>(startedServices);
        all.addAll(migratedServices.keySet());
        return all;
    }

    synchronized void addTimer(Cancellable timer) {
        timers.add(timer);
    }

    synchronized List<Cancellable> timers() {
        return List.copyOf(timers);
    }

    synchronized void addCounter(String name) {
        counters.add(name);
    }

    synchronized boolean hasCounter(String name) {
        return counters.contains(name);
    }

    synchronized List<String> counters() {
        return List.copyOf(counters);
    }
}
