package dev.tern.server.module;

import dev.tern.xmpp.api.module.IqHandler;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable snapshot of every running module's registrations, arranged for dispatch. The host
 * builds a new snapshot for each start, stop or upgrade switch and publishes it with one volatile
 * write, so a reader finds all of one module version's registrations or all of the other's, never
 * a mix and never neither.
 */
final class DispatchTables {

    /** The IQ handler for one key and the module that registered it. */
    record IqBinding(String module, IqHandler handler) {
    }

    /** A hook of one module, in dispatch order within its event. */
    record HookBinding(String module, int priority, long sequence, StanzaHook hook) {
    }

    /** A session listener of one module. */
    record ListenerBinding(String module, SessionListener listener) {
    }

    /** An API implementation and the module that provided it. */
    record ProviderBinding(String module, Object implementation) {
    }

    static final DispatchTables EMPTY = new DispatchTables(List.of());

    private static final Comparator<HookBinding> DISPATCH_ORDER = Comparator
            .comparingInt(HookBinding::priority).reversed()
            .thenComparingLong(HookBinding::sequence);

    private final List<Registrations> modules;
    private final Map<IqKey, IqBinding> iqHandlers = new HashMap<>();
    private final Map<StanzaEvent, List<HookBinding>> hooks = new HashMap<>();
    private final List<ListenerBinding> sessionListeners = new ArrayList<>();
    private final Set<String> features = new TreeSet<>();
    private final List<DiscoIdentity> identities = new ArrayList<>();
    private final Map<Class<?>, ProviderBinding> providers = new LinkedHashMap<>();
    private final List<Specification> specifications = new ArrayList<>();

    /**
     * Builds the tables of {@code modules}, in start order.
     *
     * @throws IllegalStateException if two modules register the same IQ key or provide the same API
     */
    private DispatchTables(List<Registrations> modules) {
        this.modules = List.copyOf(modules);
        for (Registrations module : this.modules) {
            add(module);
        }
        for (List<HookBinding> bindings : hooks.values()) {
            bindings.sort(DISPATCH_ORDER);
        }
    }

    private void add(Registrations module) {
        String name = module.moduleName();
        module.iqHandlers().forEach((key, handler) -> {
            IqBinding holder = iqHandlers.putIfAbsent(key, new IqBinding(name, handler));
            if (holder != null) {
                throw new IllegalStateException("Module '" + name + "' cannot handle " + key
                        + ": module '" + holder.module() + "' already handles it");
            }
        });
        for (Registrations.HookRegistration hook : module.hooks()) {
            hooks.computeIfAbsent(hook.event(), event -> new ArrayList<>())
                    .add(new HookBinding(name, hook.priority(), hook.sequence(), hook.hook()));
        }
        for (SessionListener listener : module.sessionListeners()) {
            sessionListeners.add(new ListenerBinding(name, listener));
        }
        features.addAll(module.features());
        for (DiscoIdentity identity : module.identities()) {
            if (!identities.contains(identity)) {
                identities.add(identity);
            }
        }
        module.providers().forEach((api, implementation) -> {
            ProviderBinding holder = providers.putIfAbsent(api, new ProviderBinding(name, implementation));
            if (holder != null) {
                throw new IllegalStateException("Module '" + name + "' cannot provide " + api.getName()
                        + ": module '" + holder.module() + "' already provides it");
            }
        });
        specifications.addAll(module.specifications());
    }

    /**
     * Returns the tables with {@code module}'s registrations in place of those of the same module
     * name, or after the running ones when that module has none.
     *
     * @throws IllegalStateException if they conflict with another module's
     */
    DispatchTables with(Registrations module) {
        List<Registrations> next = new ArrayList<>(modules.size() + 1);
        boolean replaced = false;
        for (Registrations running : modules) {
            if (running.moduleName().equals(module.moduleName())) {
                next.add(module);
                replaced = true;
            } else {
                next.add(running);
            }
        }
        if (!replaced) {
            next.add(module);
        }
        return new DispatchTables(next);
    }

    /** Returns the tables without the registrations of {@code moduleName}. */
    DispatchTables without(String moduleName) {
        List<Registrations> next = new ArrayList<>(modules);
        next.removeIf(module -> module.moduleName().equals(moduleName));
        return new DispatchTables(next);
    }

    /** Returns the registrations of {@code moduleName}, or null when it has none in these tables. */
    Registrations registrationsOf(String moduleName) {
        for (Registrations module : modules) {
            if (module.moduleName().equals(moduleName)) {
                return module;
            }
        }
        return null;
    }

    /** Returns the registrations of every module, in start order. */
    List<Registrations> modules() {
        return modules;
    }

    IqBinding iqHandler(IqKey key) {
        return iqHandlers.get(key);
    }

    /** Returns the hooks of {@code event} in dispatch order: descending priority, then registration order. */
    List<HookBinding> hooks(StanzaEvent event) {
        return hooks.getOrDefault(event, List.of());
    }

    List<ListenerBinding> sessionListeners() {
        return sessionListeners;
    }

    /** Returns the discovery features, sorted. */
    Set<String> features() {
        return features;
    }

    List<DiscoIdentity> identities() {
        return identities;
    }

    ProviderBinding provider(Class<?> api) {
        return providers.get(api);
    }

    List<Specification> specifications() {
        return specifications;
    }

    Map<IqKey, IqBinding> iqHandlers() {
        return iqHandlers;
    }

    Map<Class<?>, ProviderBinding> providers() {
        return providers;
    }

    /** Returns the number of hooks over all events. */
    int hookCount() {
        return hooks.values().stream().mapToInt(List::size).sum();
    }
}
