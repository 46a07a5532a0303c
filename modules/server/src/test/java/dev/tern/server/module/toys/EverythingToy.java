package dev.tern.server.module.toys;

import dev.tern.server.module.probe.Greeter;
import dev.tern.server.module.probe.Probe;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.time.Duration;

/**
 * A toy module that uses every kind of registration, a service and timers, and reports what
 * reaches it to the {@link Probe}. Its descriptor's option {@code fail} makes its start throw
 * after everything was registered.
 */
public final class EverythingToy implements FeatureModule {

    public static final String NAMESPACE = "urn:example:everything";
    public static final String FEATURE = "urn:example:everything#feature";
    public static final StanzaEvent MESSAGE_IN = StanzaEvent.of(StanzaEvent.StanzaKind.MESSAGE,
            StanzaEvent.Direction.TO_ACCOUNT);

    static final ModuleOption<Duration> TIMER_DELAY = new ModuleOption<>("timer-delay",
            "The delay of the one-shot timer and the period of the periodic one", Duration.ofHours(1), Duration::parse);
    static final ModuleOption<Boolean> FAIL = ModuleOption.bool("fail", "Whether the start throws at its end", false);

    @Override
    public void start(ModuleContext context) {
        context.implement("XEP-9999", "1.0", "complete");
        context.handleIq(IqTarget.ACCOUNT, IqType.GET, NAMESPACE,
                request -> request.result(Element.builder(NAMESPACE, "query").attribute("tag", "everything").build()));
        context.hook(MESSAGE_IN, 5, stanza -> {
            Probe.record("hook everything");
            return HookResult.PASS;
        });
        context.onSession(new SessionListener() {
            @Override
            public void opened(Jid fullJid) {
                Probe.record("opened " + fullJid);
            }
        });
        context.addFeature(FEATURE);
        context.addIdentity("client", "bot", "Everything");
        context.provide(Greeter.class, name -> "Hello " + name + " from everything");
        context.spawn("echo", new EchoService(), "ready");
        context.counter("requests").increment();
        Duration delay = context.option(TIMER_DELAY);
        context.schedule(delay, () -> Probe.record("one-shot timer"));
        context.every(delay, () -> Probe.record("periodic timer"));
        if (context.option(FAIL)) {
            throw new IllegalStateException("Broken on purpose");
        }
    }

    @Override
    public void stop(ModuleContext context) {
        Probe.record("stopped everything");
    }

    /** Replies to each call with its state followed by the request. */
    static final class EchoService implements Service<String> {
        @Override
        public String init(Object args) {
            return (String) args;
        }

        @Override
        public Reply<String> handleCall(Object request, String state) {
            return new Reply<>(state + ":" + request, state);
        }
    }
}
