package dev.tern.hotload.support;

import dev.tern.hotload.ApiModule;
import dev.tern.hotload.DispatchGate;
import dev.tern.hotload.RegistrationSink;
import dev.tern.hotload.testapi.Route;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host with one table of routes, as the XMPP server will have IQ handler tables. Dispatch
 * looks a route up and calls it inside the module's gate. The event log contains strings only,
 * so it keeps no module class alive.
 */
public final class TestHost implements RegistrationSink<Route> {

    private record Entry(String module, Route route) {
    }

    private final ConcurrentHashMap<String, Entry> routes = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile DispatchGate gate;

    /** Returns the API module that exports {@code dev.tern.hotload.testapi} to toy modules. */
    public static ApiModule apiModule() {
        return new ApiModule("tern.test", "1.0.0", Route.class.getClassLoader(), Set.of("dev.tern.hotload.testapi"));
    }

    public void attach(DispatchGate value) {
        this.gate = value;
    }

    @Override
    public Handle add(String module, Route route) {
        Entry entry = new Entry(module, route);
        Entry holder = routes.putIfAbsent(route.key(), entry);
        if (holder != null) {
            throw new IllegalStateException("Route '" + route.key() + "' is taken by module '" + holder.module() + "'");
        }
        events.add("add " + module + " " + route.key());
        return () -> {
            routes.remove(route.key(), entry);
            events.add("remove " + module + " " + route.key());
        };
    }

    @Override
    public void beginSwitch(String module) {
        events.add("begin switch " + module);
    }

    @Override
    public void endSwitch(String module) {
        events.add("end switch " + module);
    }

    /** Routes {@code request} to the handler registered for {@code key}. */
    public Object dispatch(String key, Object request) throws Exception {
        Entry entry = routes.get(key);
        if (entry == null) {
            throw new NoSuchElementException("No route '" + key + "'");
        }
        try (DispatchGate.Pass _ = gate.enter(entry.module())) {
            Entry current = routes.get(key);
            if (current == null) {
                throw new NoSuchElementException("Route '" + key + "' vanished during a switch");
            }
            return current.route().handler().handle(request);
        }
    }

    public Set<String> keys() {
        return Set.copyOf(routes.keySet());
    }

    public List<String> events() {
        return List.copyOf(events);
    }
}
