package dev.tern.server.module;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything one version of one module registered through its context for dispatch: IQ
 * handlers, hooks, session listeners, discovery entries, provided APIs and specifications. They
 * may only be added while the module starts; {@link #seal()} then freezes them, and the host
 * publishes the whole set in its dispatch tables as one registration. The names of the counters
 * the version asked for are kept too, so that an upgrade removes the counters only the old
 * version used.
 */
public final class Registrations {

    /** A hook with the sequence number that orders hooks of equal priority by registration. */
    record HookRegistration(StanzaEvent event, int priority, long sequence, StanzaHook hook) {
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
    // A module may ask for a counter at any time, also after its start.
    private final Set<String> counters = ConcurrentHashMap.newKeySet();

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

    void addCounter(String name) {
        counters.add(name);
    }

    /** Returns the names of the counters this version asked for. */
    Set<String> counters() {
        return Set.copyOf(counters);
    }

    /** Freezes the registrations; the module's start has returned. */
    Registrations seal() {
        sealed = true;
        return this;
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

    /** Returns a summary for the management plane's list of a module's registrations. */
    @Override
    public String toString() {
        return "XMPP registrations of '" + moduleName + "' version '" + version + "': " + iqHandlers.size()
                + " IQ handlers, " + hooks.size() + " hooks, " + sessionListeners.size() + " session listeners, "
                + features.size() + " features, " + providers.size() + " provided APIs";
    }
}
