package dev.tern.server.module;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.module.Cancellable;
import dev.tern.xmpp.api.module.Counter;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.ServiceRef;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A module that uses every kind of registration, and records what reaches it. */
class EverythingModule implements FeatureModule {

    static final String NAMESPACE = "urn:example:everything";
    static final String FEATURE = "urn:example:everything#feature";
    static final StanzaEvent MESSAGE_IN = StanzaEvent.of(StanzaEvent.StanzaKind.MESSAGE, StanzaEvent.Direction.TO_ACCOUNT);
    static final StanzaEvent PRESENCE_OUT = StanzaEvent.of(StanzaEvent.StanzaKind.PRESENCE,
            StanzaEvent.Direction.FROM_CLIENT);
    static final Duration TIMER_DELAY = Duration.ofSeconds(10);

    /** The API this module provides. */
    interface Greeter {
        String greet(String name);
    }

    final String tag;
    final AtomicInteger hookCalls = new AtomicInteger();
    final AtomicInteger timerRuns = new AtomicInteger();
    final List<Jid> opened = new CopyOnWriteArrayList<>();
    volatile ServiceRef service;
    volatile Counter counter;
    volatile Cancellable timer;
    volatile boolean stopped;

    EverythingModule(String tag) {
        this.tag = tag;
    }

    @Override
    public void start(ModuleContext context) {
        context.implement("XEP-9999", "1.0", "complete");
        context.handleIq(IqTarget.ACCOUNT, IqType.GET, NAMESPACE,
                request -> request.result(Element.builder(NAMESPACE, "query").attribute("tag", tag).build()));
        context.hook(MESSAGE_IN, 5, stanza -> {
            hookCalls.incrementAndGet();
            return HookResult.PASS;
        });
        context.hook(PRESENCE_OUT, 0, stanza -> HookResult.PASS);
        context.onSession(new SessionListener() {
            @Override
            public void opened(Jid fullJid) {
                opened.add(fullJid);
            }
        });
        context.addFeature(FEATURE);
        context.addIdentity("client", "bot", "Everything");
        context.provide(Greeter.class, name -> "Hello " + name + " from " + tag);
        service = context.spawn("echo", new EchoService(), "ready");
        counter = context.counter("requests");
        counter.increment();
        timer = context.schedule(TIMER_DELAY, timerRuns::incrementAndGet);
        context.every(TIMER_DELAY, timerRuns::incrementAndGet);
    }

    @Override
    public void stop(ModuleContext context) {
        stopped = true;
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
