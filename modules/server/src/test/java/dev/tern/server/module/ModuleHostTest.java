package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.RegistrationSink;
import dev.tern.server.module.probe.Greeter;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaErrorCondition;
import dev.tern.xmpp.api.module.FeatureModule;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import dev.tern.xmpp.api.module.IqType;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.ModuleOption;
import dev.tern.xmpp.api.module.Service;
import dev.tern.xmpp.api.module.SessionListener;
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module host's dispatch, its sink for hotload, and built-in modules, without the module manager. */
class ModuleHostTest {

    private static final Jid ALICE_ACCOUNT = Jid.parse("alice@example.com");
    private static final Jid SERVER = Jid.parse("example.com");
    private static final String NAMESPACE = "urn:example:builtin";
    private static final String FEATURE = "urn:example:builtin#feature";
    private static final StanzaEvent MESSAGE_IN = StanzaEvent.of(StanzaEvent.StanzaKind.MESSAGE,
            StanzaEvent.Direction.TO_ACCOUNT);

    @TempDir
    Path directory;

    private HostFixture fixture;
    private ModuleHost host;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startHost() {
        fixture = new HostFixture(directory);
        host = fixture.host;
    }

    @AfterEach
    void closeHost() {
        fixture.close();
    }

    /** Returns a built-in module that registers one of everything, tagged {@code tag}. */
    private FeatureModule everything(String tag) {
        return context -> {
            context.implement("XEP-9999", "1.0", "complete");
            context.handleIq(IqTarget.ACCOUNT, IqType.GET, NAMESPACE,
                    request -> request.result(Element.builder(NAMESPACE, "query").attribute("tag", tag).build()));
            context.hook(MESSAGE_IN, 5, stanza -> {
                calls.add("hook " + tag);
                return HookResult.PASS;
            });
            context.onSession(new SessionListener() {
                @Override
                public void opened(Jid fullJid) {
                    calls.add("opened " + fullJid);
                }
            });
            context.addFeature(FEATURE);
            context.addIdentity("client", "bot", "Everything");
            context.provide(Greeter.class, name -> "Hello " + name + " from " + tag);
            context.counter("requests").increment();
        };
    }

    @Test
    void builtInStartPublishesEveryRegistration() throws Exception {
        host.start("everything", everything("v1"), "1", Map.of());

        assertThat(tagOf(replyTo(fixture.iq("get", ALICE_ACCOUNT, NAMESPACE)))).isEqualTo("v1");
        host.runHooks(messageTo(ALICE_ACCOUNT));
        host.sessionOpened(HostFixture.ALICE);
        assertThat(calls).containsExactly("hook v1", "opened " + HostFixture.ALICE);
        assertThat(host.tables().features()).contains(FEATURE);
        assertThat(host.tables().identities()).contains(new DiscoIdentity("client", "bot", "Everything"));
        assertThat(host.specifications()).contains(new Specification("everything", "XEP-9999", "1.0", "complete"));
        assertThat(host.counters()).containsEntry("everything.requests", 1L);
        assertThat(host.modules()).containsEntry("everything", "1");
        assertThat(host.lookup(Greeter.class).orElseThrow().greet("Alice")).isEqualTo("Hello Alice from v1");
    }

    @Test
    void builtInStopLeavesNothingBehind() {
        HostFixture.Snapshot baseline = HostFixture.Snapshot.of(host);
        boolean[] stopped = new boolean[1];
        FeatureModule registering = everything("v1");
        host.start("everything", new FeatureModule() {
            @Override
            public void start(ModuleContext context) throws Exception {
                registering.start(context);
            }

            @Override
            public void stop(ModuleContext context) {
                stopped[0] = true;
            }
        }, "1", Map.of());

        host.stop("everything");

        assertThat(stopped[0]).isTrue();
        assertThat(HostFixture.Snapshot.of(host)).isEqualTo(baseline);
        assertThat(fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
    }

    @Test
    void builtInFailedStartLeavesNothingBehind() {
        HostFixture.Snapshot baseline = HostFixture.Snapshot.of(host);
        FeatureModule registering = everything("broken");
        FeatureModule registersThenFails = context -> {
            registering.start(context);
            throw new IllegalStateException("Broken on purpose");
        };

        assertThatThrownBy(() -> host.start("everything", registersThenFails, "1", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("everything")
                .hasMessageContaining("Broken on purpose");

        assertThat(HostFixture.Snapshot.of(host)).isEqualTo(baseline);
    }

    @Test
    void builtInCannotSpawnOrSchedule() {
        FeatureModule spawning = context -> context.spawn("echo", new Service<String>() {
            @Override
            public String init(Object args) {
                return "ready";
            }
        }, null);
        FeatureModule scheduling = context -> context.schedule(Duration.ofSeconds(1), () -> { });

        assertThatThrownBy(() -> host.start("spawning", spawning, "1", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Built-in module 'spawning' cannot spawn service 'echo'");
        assertThatThrownBy(() -> host.start("scheduling", scheduling, "1", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Built-in module 'scheduling' cannot schedule a timer");
        assertThat(host.modules()).containsOnlyKeys(ModuleHost.DISCOVERY_MODULE);
    }

    @Test
    void stopOfUnknownBuiltInIsRejected() {
        assertThatThrownBy(() -> host.stop("roster"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("No built-in module 'roster' runs");
    }

    @Test
    void conflictingIqHandlerFailsSecondStart() {
        host.start("first", everything("first"), "1", Map.of());
        FeatureModule sameKey = context -> {
            context.addFeature("urn:example:second");
            context.handleIq(IqTarget.ACCOUNT, IqType.GET, NAMESPACE, request -> request.result());
        };

        assertThatThrownBy(() -> host.start("second", sameKey, "1", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("module 'first' already handles it");

        assertThat(host.modules()).doesNotContainKey("second");
        assertThat(host.tables().features()).doesNotContain("urn:example:second");
        assertThat(tagOf(replyTo(fixture.iq("get", ALICE_ACCOUNT, NAMESPACE)))).isEqualTo("first");
    }

    @Test
    void registrationAfterStartIsRejected() {
        ModuleContext[] kept = new ModuleContext[1];
        host.start("late", context -> kept[0] = context, "1", Map.of());

        assertThatThrownBy(() -> kept[0].addFeature("urn:example:late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after its start returned");
        assertThat(host.tables().features()).doesNotContain("urn:example:late");
    }

    @Test
    void duplicateStartIsRejected() {
        host.start("everything", everything("v1"), "1", Map.of());

        assertThatThrownBy(() -> host.start("everything", everything("v2"), "2", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Module 'everything' already runs");
    }

    @Test
    void hooksRunByDescendingPriority() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        host.start("low", context -> context.hook(MESSAGE_IN, -10, stanza -> {
            order.add("low");
            return HookResult.PASS;
        }), "1", Map.of());
        host.start("high", context -> {
            context.hook(MESSAGE_IN, 10, stanza -> {
                order.add("high");
                return HookResult.PASS;
            });
            context.hook(MESSAGE_IN, 0, stanza -> {
                order.add("middle");
                return HookResult.HANDLED;
            });
        }, "1", Map.of());

        HookResult result = host.runHooks(messageTo(ALICE_ACCOUNT));

        assertThat(result).isEqualTo(HookResult.HANDLED);
        assertThat(order).containsExactly("high", "middle");
    }

    @Test
    void failingHookIsSkipped() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        host.start("hooks", context -> {
            context.hook(MESSAGE_IN, 10, stanza -> {
                throw new IllegalStateException("Hook bug on purpose");
            });
            context.hook(MESSAGE_IN, 0, stanza -> {
                order.add("next");
                return HookResult.PASS;
            });
        }, "1", Map.of());

        HookResult result = host.runHooks(messageTo(ALICE_ACCOUNT));

        assertThat(result).isEqualTo(HookResult.PASS);
        assertThat(order).containsExactly("next");
    }

    @Test
    void hookStanzaExceptionStopsRun() {
        List<String> order = new CopyOnWriteArrayList<>();
        host.start("rejecting", context -> {
            context.hook(MESSAGE_IN, 10, stanza -> {
                throw new StanzaException(StanzaErrorCondition.NOT_ACCEPTABLE, "No messages today");
            });
            context.hook(MESSAGE_IN, 0, stanza -> {
                order.add("lower");
                return HookResult.PASS;
            });
        }, "1", Map.of());

        assertThatThrownBy(() -> host.runHooks(messageTo(ALICE_ACCOUNT)))
                .isInstanceOfSatisfying(StanzaException.class, e -> {
                    assertThat(e.error().condition()).isEqualTo(StanzaErrorCondition.NOT_ACCEPTABLE);
                    assertThat(e.error().text()).isEqualTo("No messages today");
                });
        assertThat(order).isEmpty();
        assertThat(fixture.router.routed()).isEmpty();
    }

    @Test
    void iqHandlerExceptionsBecomeErrors() {
        host.start("failing", context -> {
            context.handleIq(IqTarget.ACCOUNT, IqType.GET, "urn:example:refuse", request -> {
                throw new StanzaException(StanzaErrorCondition.FORBIDDEN, null);
            });
            context.handleIq(IqTarget.ACCOUNT, IqType.GET, "urn:example:bug", request -> {
                throw new IllegalStateException("Handler bug on purpose");
            });
            context.handleIq(IqTarget.ACCOUNT, IqType.SET, "urn:example:later", request -> null);
        }, "1", Map.of());

        Element refused = replyTo(fixture.iq("get", ALICE_ACCOUNT, "urn:example:refuse"));
        Element crashed = replyTo(fixture.iq("get", ALICE_ACCOUNT, "urn:example:bug"));
        ModuleDispatch.IqOutcome deferred = fixture.dispatch(fixture.iq("set", ALICE_ACCOUNT, "urn:example:later"));

        assertThat(refused.attribute("type")).isEqualTo("error");
        assertThat(refused.child(Namespaces.CLIENT, "error").child(Namespaces.STANZA_ERRORS, "forbidden")).isNotNull();
        assertThat(crashed.child(Namespaces.CLIENT, "error").child(Namespaces.STANZA_ERRORS, "internal-server-error"))
                .isNotNull();
        assertThat(deferred).isInstanceOf(ModuleDispatch.IqOutcome.Deferred.class);
    }

    @Test
    void iqWithoutHandlerIsUnhandled() {
        host.start("everything", everything("v1"), "1", Map.of());

        assertThat(fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, "urn:example:unknown")))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        assertThat(fixture.dispatch(fixture.iq("set", ALICE_ACCOUNT, NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        assertThat(fixture.dispatch(fixture.iq("result", ALICE_ACCOUNT, NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        assertThat(fixture.dispatch(fixture.iq("get", SERVER, NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
    }

    @Test
    void optionsComeFromConfiguration() {
        ModuleOption<Integer> limit = ModuleOption.integer("limit", "A limit for the test", 5, 1, 10);
        int[] seen = new int[1];

        host.start("configured", context -> seen[0] = context.option(limit), "1", Map.of("limit", "7"));
        assertThat(seen[0]).isEqualTo(7);

        assertThatThrownBy(() -> host.start("misconfigured", context -> context.option(limit), "1",
                Map.of("limit", "70")))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Option 'limit' must be between 1 and 10, got 70");
    }

    @Test
    void lookupFindsProvidedApi() {
        host.start("everything", everything("v1"), "1", Map.of());
        String[] greeting = new String[1];

        host.start("user", context -> greeting[0] = context.lookup(Greeter.class).orElseThrow().greet("Alice"), "1",
                Map.of());

        assertThat(greeting[0]).isEqualTo("Hello Alice from v1");
    }

    @Test
    void switchPublishesNetResultOnce() throws Exception {
        Registrations first = registrationsOf("switched", "1", everything("v1"));
        Registrations second = registrationsOf("switched", "2", everything("v2"));
        RegistrationSink.Handle firstHandle = host.add("switched", first);

        host.beginSwitch("switched");
        firstHandle.remove();
        assertThat(host.lookup(Greeter.class)).as("the old version stays visible while the switch runs").isPresent();
        host.add("switched", second);
        assertThat(host.version("switched")).contains("1");
        host.endSwitch("switched");

        assertThat(host.version("switched")).contains("2");
        assertThat(host.lookup(Greeter.class).orElseThrow().greet("Alice")).isEqualTo("Hello Alice from v2");
        assertThat(tagOf(replyTo(fixture.iq("get", ALICE_ACCOUNT, NAMESPACE)))).isEqualTo("v2");
    }

    @Test
    void switchRejectsConflictAndKeepsOldVersion() throws Exception {
        host.add("switched", registrationsOf("switched", "1", everything("v1")));
        Registrations conflicting = new Registrations("switched", "2");
        conflicting.addProvider(Greeter.class, (Greeter) name -> "conflict");
        conflicting.addIqHandler(new IqKey(IqTarget.SERVER, IqType.GET, Namespaces.DISCO_INFO), request -> null);

        host.beginSwitch("switched");
        assertThatThrownBy(() -> host.add("switched", conflicting))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("module 'disco' already handles it");
        host.endSwitch("switched");

        assertThat(host.version("switched")).contains("1");
        assertThat(tagOf(replyTo(fixture.iq("get", ALICE_ACCOUNT, NAMESPACE)))).isEqualTo("v1");
    }

    private Registrations registrationsOf(String name, String version, FeatureModule module) throws Exception {
        HostedContext context = HostedContext.builtIn(host, name, version, Map.of());
        module.start(context);
        return context.seal();
    }

    private StanzaContext messageTo(Jid to) {
        Jid from = Jid.parse("bob@example.com/desk");
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("id", "m1")
                .child(Element.builder(Namespaces.CLIENT, "body").text("Hi").build())
                .build();
        return new StanzaContext(message, from, to, MESSAGE_IN);
    }

    private Element replyTo(IqRequest request) {
        ModuleDispatch.IqOutcome outcome = fixture.dispatch(request);
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        return ((ModuleDispatch.IqOutcome.Replied) outcome).reply();
    }

    private static String tagOf(Element reply) {
        return reply.child(NAMESPACE, "query").attribute("tag");
    }
}
