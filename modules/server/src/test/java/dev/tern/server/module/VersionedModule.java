package dev.tern.server.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.module.Counter;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.ServiceRef;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A module whose versions differ only in their tag: its IQ handler replies with the tag, and its
 * {@code counter} service keeps its count as an Integer in generation 1 and as a Long in a map in
 * generation 2, so a test can tell which code a service runs.
 */
class VersionedModule implements FeatureModule {

    static final String NAMESPACE = "urn:example:versioned";

    final String tag;
    final int serviceGeneration;
    final List<String> hookCalls = new CopyOnWriteArrayList<>();
    volatile ServiceRef counterService;
    volatile Counter hits;
    volatile Map<String, Object> imported;
    volatile String importedFrom;
    volatile boolean stopped;

    VersionedModule(String tag, int serviceGeneration) {
        this.tag = tag;
        this.serviceGeneration = serviceGeneration;
    }

    @Override
    public void start(ModuleContext context) throws Exception {
        context.handleIq(IqTarget.ACCOUNT, IqType.GET, NAMESPACE,
                request -> request.result(Element.builder(NAMESPACE, "query").attribute("tag", tag).build()));
        context.hook(EverythingModule.MESSAGE_IN, 0, stanza -> {
            hookCalls.add(tag);
            return HookResult.PASS;
        });
        context.addFeature(NAMESPACE + "#" + tag);
        Service<?> counting = serviceGeneration == 1 ? new CountingServiceV1() : new CountingServiceV2();
        counterService = context.spawn("counter", counting, null);
        hits = context.counter("hits");
    }

    @Override
    public void stop(ModuleContext context) {
        stopped = true;
    }

    @Override
    public Map<String, Object> exportState() {
        return Map.of("tag", tag);
    }

    @Override
    public void importState(String fromVersion, Map<String, Object> state) {
        importedFrom = fromVersion;
        imported = state;
    }

    /** Counts "tick" messages in an Integer; takes a generation 2 map back on rollback. */
    static final class CountingServiceV1 implements Service<Integer> {
        @Override
        public Integer init(Object args) {
            return 0;
        }

        @Override
        public Integer handleMessage(Object message, Integer count) {
            return "tick".equals(message) ? count + 1 : count;
        }

        @Override
        public Reply<Integer> handleCall(Object request, Integer count) {
            return new Reply<>(count, count);
        }

        @Override
        public Integer codeChange(String oldVersion, Object oldState) {
            if (oldState instanceof Map<?, ?> map) {
                return ((Long) map.get("count")).intValue();
            }
            return (Integer) oldState;
        }
    }

    /** Counts "tick" messages as a Long in a map that also records the version the state came from. */
    static class CountingServiceV2 implements Service<Map<String, Object>> {
        @Override
        public Map<String, Object> init(Object args) {
            return Map.of("count", 0L, "from", "init");
        }

        @Override
        public Map<String, Object> handleMessage(Object message, Map<String, Object> state) {
            if (!"tick".equals(message)) {
                return state;
            }
            return Map.of("count", (Long) state.get("count") + 1, "from", state.get("from"));
        }

        @Override
        public Reply<Map<String, Object>> handleCall(Object request, Map<String, Object> state) {
            return new Reply<>(state.get(request), state);
        }

        @Override
        public Map<String, Object> codeChange(String oldVersion, Object oldState) throws Exception {
            if (oldState instanceof Integer count) {
                return Map.of("count", count.longValue(), "from", oldVersion);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) oldState;
            return same;
        }
    }
}
