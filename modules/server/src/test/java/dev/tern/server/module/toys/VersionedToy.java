package dev.tern.server.module.toys;

import dev.tern.server.module.probe.Greeter;
import dev.tern.server.module.probe.Probe;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.module.Counter;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.ServiceRef;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.time.Duration;
import java.util.Map;

/**
 * A toy module whose versions differ only in their descriptors' option defaults. Its IQ handler
 * replies with the version's {@code tag} and counts requests in the counter {@code hits}; its
 * {@code counter} service keeps its count as an Integer in generation 1 and as a Long in a map in
 * generation 2, so a test can tell which code a service runs. The option {@code fault} makes a
 * version fail at one step of an upgrade; {@link RefusingImportToy} fails to import the state.
 */
public class VersionedToy implements FeatureModule {

    public static final String NAMESPACE = "urn:example:versioned";
    public static final StanzaEvent MESSAGE_IN = StanzaEvent.of(StanzaEvent.StanzaKind.MESSAGE,
            StanzaEvent.Direction.TO_ACCOUNT);

    static final ModuleOption<String> TAG = ModuleOption.text("tag", "The tag of this version", "untagged");
    static final ModuleOption<Integer> GENERATION = ModuleOption.integer("generation",
            "The generation of the counter service's code", 1, 1, 2);
    static final ModuleOption<String> FAULT = ModuleOption.text("fault",
            "none, start, code-change, after-migration or extra-counter", "none");

    @Override
    public void start(ModuleContext context) throws Exception {
        String tag = context.option(TAG);
        String fault = context.option(FAULT);
        Counter hits = context.counter("hits");
        context.handleIq(IqTarget.ACCOUNT, IqType.GET, NAMESPACE, request -> {
            hits.increment();
            return request.result(Element.builder(NAMESPACE, "query").attribute("tag", tag).build());
        });
        context.hook(MESSAGE_IN, 0, stanza -> {
            Probe.record("hook " + tag);
            return HookResult.PASS;
        });
        context.addFeature(NAMESPACE + "#" + tag);
        context.provide(Greeter.class, name -> "Hello " + name + " from " + tag);

        Service<?> counting = switch (fault) {
            case "code-change" -> new RefusingCountingService();
            default -> context.option(GENERATION) == 1 ? new CountingServiceV1() : new CountingServiceV2();
        };
        ServiceRef counter = context.spawn("counter", counting, null);
        if (fault.equals("extra-counter")) {
            context.counter("retired").increment();
        }
        if (fault.equals("start")) {
            context.spawn("extra", new CountingServiceV1(), null);
            context.schedule(Duration.ofMillis(1), () -> Probe.record("timer of a failed start"));
            throw new IllegalStateException("Broken on purpose");
        }
        if (fault.equals("after-migration")) {
            counter.send("tick");
            throw new IllegalStateException("Broken after the takeover on purpose");
        }
    }

    @Override
    public void stop(ModuleContext context) {
        Probe.record("stopped");
    }

    @Override
    public Map<String, Object> exportState() {
        return Map.of("exported-by", "versioned");
    }

    @Override
    public void importState(String fromVersion, Map<String, Object> state) {
        Probe.record("imported from " + fromVersion + " " + state);
    }

    /** Counts "tick" messages in an Integer; takes a generation 2 map back on a downgrade. */
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

    /** A generation 2 service that cannot read any older state. */
    static final class RefusingCountingService extends CountingServiceV2 {
        @Override
        public Map<String, Object> codeChange(String oldVersion, Object oldState) {
            throw new IllegalStateException("Cannot convert the count of version " + oldVersion);
        }
    }
}
