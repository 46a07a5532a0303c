package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.tern.xmpp.api.module.StanzaContext;
import dev.tern.xmpp.api.module.StanzaEvent;
import dev.tern.xmpp.api.module.StanzaException;
import dev.tern.xmpp.api.module.StanzaHook.HookResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleHostTest {

    private static final Jid ALICE_ACCOUNT = Jid.parse("alice@example.com");
    private static final Jid SERVER = Jid.parse("example.com");

    @TempDir
    Path directory;

    private HostFixture fixture;
    private ModuleHost host;

    @BeforeEach
    void startHost() {
        fixture = new HostFixture(directory);
        host = fixture.host;
    }

    @AfterEach
    void closeHost() {
        fixture.close();
    }

    /** The host's registrations, counters and modules, for comparing before and after a module ran. */
    private record Snapshot(Set<IqKey> iqKeys, int hooks, int listeners, Set<String> features,
            List<DiscoIdentity> identities, Set<Class<?>> providers, List<Specification> specifications,
            Map<String, Long> counters, Map<String, String> modules) {

        static Snapshot of(ModuleHost host) {
            DispatchTables tables = host.tables();
            return new Snapshot(Set.copyOf(tables.iqHandlers().keySet()), tables.hookCount(),
                    tables.sessionListeners().size(), Set.copyOf(tables.features()), List.copyOf(tables.identities()),
                    Set.copyOf(tables.providers().keySet()), List.copyOf(tables.specifications()), host.counters(),
                    host.modules());
        }
    }

    @Test
    void startPublishesEveryRegistration() throws Exception {
        EverythingModule module = new EverythingModule("v1");

        host.start("everything", module, "1", Map.of());

        ModuleDispatch.IqOutcome outcome = fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, EverythingModule.NAMESPACE));
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        Element reply = ((ModuleDispatch.IqOutcome.Replied) outcome).reply();
        assertThat(reply.child(EverythingModule.NAMESPACE, "query").attribute("tag")).isEqualTo("v1");

        host.runHooks(messageTo(ALICE_ACCOUNT));
        assertThat(module.hookCalls).hasValue(1);

        host.sessionOpened(HostFixture.ALICE);
        assertThat(module.opened).containsExactly(HostFixture.ALICE);

        DispatchTables tables = host.tables();
        assertThat(tables.features()).contains(EverythingModule.FEATURE);
        assertThat(tables.identities()).contains(new DiscoIdentity("client", "bot", "Everything"));
        assertThat(host.specifications()).contains(new Specification("everything", "XEP-9999", "1.0", "complete"));
        assertThat(host.counters()).containsEntry("everything.requests", 1L);
        assertThat(host.modules()).containsEntry("everything", "1");
        assertThat(module.service).isNotNull();
        assertThat(echo(module)).isEqualTo("ready:ping");
    }

    @Test
    void timersRunWhileModuleRuns() {
        EverythingModule module = new EverythingModule("v1");
        host.start("everything", module, "1", Map.of());

        fixture.clock.advance(EverythingModule.TIMER_DELAY);

        Await.until("the one-shot and the periodic timer ran", () -> module.timerRuns.get() == 2);
    }

    @Test
    void stopLeavesNothingBehind() throws Exception {
        Snapshot baseline = Snapshot.of(host);
        int baselineProcesses = fixture.kernel.processCount();
        EverythingModule module = new EverythingModule("v1");
        host.start("everything", module, "1", Map.of());
        assertThat(fixture.kernel.processCount()).isGreaterThan(baselineProcesses);

        host.stop("everything");

        assertThat(module.stopped).isTrue();
        assertThat(Snapshot.of(host)).isEqualTo(baseline);
        assertThat(fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, EverythingModule.NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        Await.until("the module's supervisor and service ended",
                () -> fixture.kernel.processCount() == baselineProcesses);
        assertThat(fixture.kernel.whereis("tern.module.everything.echo")).isEmpty();
        assertThatThrownBy(() -> module.service.call("ping", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class);
        assertTimersDoNotRun(module);
    }

    @Test
    void failedStartLeavesNothingBehind() throws Exception {
        Snapshot baseline = Snapshot.of(host);
        int baselineProcesses = fixture.kernel.processCount();
        EverythingModule registersThenFails = new EverythingModule("broken") {
            @Override
            public void start(ModuleContext context) {
                super.start(context);
                throw new IllegalStateException("Broken on purpose");
            }
        };

        assertThatThrownBy(() -> host.start("everything", registersThenFails, "1", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("everything")
                .hasMessageContaining("Broken on purpose");

        assertThat(Snapshot.of(host)).isEqualTo(baseline);
        Await.until("the failed module's processes ended", () -> fixture.kernel.processCount() == baselineProcesses);
        assertTimersDoNotRun(registersThenFails);
    }

    @Test
    void conflictingIqHandlerFailsSecondStart() {
        host.start("first", new EverythingModule("first"), "1", Map.of());
        FeatureModule sameKey = context -> {
            context.addFeature("urn:example:second");
            context.handleIq(IqTarget.ACCOUNT, IqType.GET, EverythingModule.NAMESPACE, request -> request.result());
        };

        assertThatThrownBy(() -> host.start("second", sameKey, "1", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("module 'first' already handles it");

        assertThat(host.modules()).doesNotContainKey("second");
        assertThat(host.tables().features()).doesNotContain("urn:example:second");
        Element reply = replyTo(fixture.iq("get", ALICE_ACCOUNT, EverythingModule.NAMESPACE));
        assertThat(reply.child(EverythingModule.NAMESPACE, "query").attribute("tag")).isEqualTo("first");
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
        host.start("everything", new EverythingModule("v1"), "1", Map.of());

        assertThatThrownBy(() -> host.start("everything", new EverythingModule("v2"), "2", Map.of()))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("already runs version '1'");
    }

    @Test
    void hooksRunByDescendingPriority() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        StanzaEvent event = EverythingModule.MESSAGE_IN;
        host.start("low", context -> context.hook(event, -10, stanza -> {
            order.add("low");
            return HookResult.PASS;
        }), "1", Map.of());
        host.start("high", context -> {
            context.hook(event, 10, stanza -> {
                order.add("high");
                return HookResult.PASS;
            });
            context.hook(event, 0, stanza -> {
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
        StanzaEvent event = EverythingModule.MESSAGE_IN;
        host.start("hooks", context -> {
            context.hook(event, 10, stanza -> {
                throw new IllegalStateException("Hook bug on purpose");
            });
            context.hook(event, 0, stanza -> {
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
            context.hook(EverythingModule.MESSAGE_IN, 10, stanza -> {
                throw new StanzaException(StanzaErrorCondition.NOT_ACCEPTABLE, "No messages today");
            });
            context.hook(EverythingModule.MESSAGE_IN, 0, stanza -> {
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
        host.start("everything", new EverythingModule("v1"), "1", Map.of());

        assertThat(fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, "urn:example:unknown")))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        assertThat(fixture.dispatch(fixture.iq("set", ALICE_ACCOUNT, EverythingModule.NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        assertThat(fixture.dispatch(fixture.iq("result", ALICE_ACCOUNT, EverythingModule.NAMESPACE)))
                .isInstanceOf(ModuleDispatch.IqOutcome.Unhandled.class);
        assertThat(fixture.dispatch(fixture.iq("get", SERVER, EverythingModule.NAMESPACE)))
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
        host.start("everything", new EverythingModule("v1"), "1", Map.of());
        String[] greeting = new String[1];

        host.start("user", context -> greeting[0] = context.lookup(EverythingModule.Greeter.class)
                .orElseThrow().greet("Alice"), "1", Map.of());

        assertThat(greeting[0]).isEqualTo("Hello Alice from v1");
    }

    private StanzaContext messageTo(Jid to) {
        Jid from = Jid.parse("bob@example.com/desk");
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", from.toString())
                .attribute("to", to.toString())
                .attribute("id", "m1")
                .child(Element.builder(Namespaces.CLIENT, "body").text("Hi").build())
                .build();
        return new StanzaContext(message, from, to, EverythingModule.MESSAGE_IN);
    }

    private Element replyTo(IqRequest request) {
        ModuleDispatch.IqOutcome outcome = fixture.dispatch(request);
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        return ((ModuleDispatch.IqOutcome.Replied) outcome).reply();
    }

    private static String echo(EverythingModule module) {
        try {
            return (String) module.service.call("ping", Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new AssertionError("Echo service call failed", e);
        }
    }

    /** Proves the module's timers are cancelled: a later timer that is due after them runs, and theirs did not. */
    private void assertTimersDoNotRun(EverythingModule module) throws InterruptedException {
        CountDownLatch probeRan = new CountDownLatch(1);
        host.start("probe", context -> context.schedule(EverythingModule.TIMER_DELAY, probeRan::countDown), "1",
                Map.of());

        fixture.clock.advance(EverythingModule.TIMER_DELAY.multipliedBy(2));

        assertThat(probeRan.await(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(module.timerRuns).hasValue(0);
    }
}
