package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.ModuleException;
import dev.tern.hotload.ModuleListener;
import dev.tern.hotload.ModuleManager;
import dev.tern.hotload.UpgradePhase;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Pid;
import dev.tern.server.module.probe.Greeter;
import dev.tern.server.module.probe.Probe;
import dev.tern.server.module.toys.RefusingImportToy;
import dev.tern.server.module.toys.VersionedToy;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.server.testing.Await;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.StanzaContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot upgrades of a feature module through hotload: one switch of its registrations, services migrated by name. */
class FeatureModuleUpgradeTest {

    private static final Jid ALICE_ACCOUNT = Jid.parse("alice@example.com");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final String COUNTER = "tern.module.versioned.counter";

    @TempDir
    Path directory;

    private HostFixture fixture;
    private ModuleHost host;
    private ModuleManager<?> manager;

    @BeforeEach
    void startHost() {
        fixture = new HostFixture(directory);
        host = fixture.host;
        manager = fixture.manager;
        versioned("1.0.0", "one", 1, "none");
        versioned("1.0.1", "one", 1, "extra-counter");
        versioned("2.0.0", "two", 2, "none");
        versioned("3.0.0", "broken", 2, "start");
        versioned("3.0.1", "refusing", 2, "code-change");
        versioned("3.0.2", "late-failure", 2, "after-migration");
        fixture.installToy("versioned", "3.0.3", Map.of(), RefusingImportToy.class, VersionedToy.class);
    }

    @AfterEach
    void closeHost() {
        fixture.close();
    }

    private void versioned(String version, String tag, int generation, String fault) {
        fixture.installToy("versioned", version, Map.of(
                "option.tag.type", "string", "option.tag.default", tag,
                "option.generation.type", "int", "option.generation.default", String.valueOf(generation),
                "option.fault.type", "string", "option.fault.default", fault), VersionedToy.class);
    }

    private void start(String version) {
        manager.install("versioned", version);
        manager.start("versioned");
    }

    @Test
    void upgradeSwitchesRegistrationsAndHandsOverState() throws Exception {
        start("1.0.0");

        manager.upgrade("versioned", "2.0.0");

        assertThat(tagOfReply()).isEqualTo("two");
        host.runHooks(messageToAlice());
        assertThat(Probe.events()).containsExactly("imported from 1.0.0 {exported-by=versioned}", "hook two");
        assertThat(host.tables().features()).contains(VersionedToy.NAMESPACE + "#two")
                .doesNotContain(VersionedToy.NAMESPACE + "#one");
        assertThat(host.version("versioned")).contains("2.0.0");
        assertThat(host.lookup(Greeter.class).orElseThrow().greet("Alice")).isEqualTo("Hello Alice from two");
    }

    @Test
    void failedStartKeepsOldVersion() throws Exception {
        start("1.0.0");
        GenServer.cast(fixture.kernel, counter(), "tick");

        assertThatThrownBy(() -> manager.upgrade("versioned", "3.0.0"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Version 1.0.0 keeps running")
                .hasMessageContaining("Broken on purpose");

        assertThat(host.version("versioned")).contains("1.0.0");
        assertThat(tagOfReply()).isEqualTo("one");
        assertThat(host.tables().features()).doesNotContain(VersionedToy.NAMESPACE + "#broken");
        assertThat(fixture.kernel.whereis("tern.module.versioned.extra")).isEmpty();
        assertThat(manager.info("versioned").orElseThrow().timers()).isZero();
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void failedImportKeepsOldVersion() {
        start("1.0.0");

        assertThatThrownBy(() -> manager.upgrade("versioned", "3.0.3"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Cannot read state of version 1.0.0");

        assertThat(tagOfReply()).isEqualTo("one");
    }

    @Test
    void upgradeUnderLoadNeverLeavesGap() throws Exception {
        start("1.0.0");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger unhandled = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Map<String, Boolean> tagsSeen = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread requester = Thread.ofPlatform().name("iq-requester").start(() -> {
            try {
                while (running.get()) {
                    ModuleDispatch.IqOutcome outcome = fixture.dispatch(
                            fixture.iq("get", ALICE_ACCOUNT, VersionedToy.NAMESPACE));
                    if (outcome instanceof ModuleDispatch.IqOutcome.Replied reply) {
                        answered.incrementAndGet();
                        tagsSeen.put(reply.reply().child(VersionedToy.NAMESPACE, "query").attribute("tag"), true);
                    } else {
                        unhandled.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Await.until("the requester got its first reply", () -> answered.get() > 0);

        for (int i = 0; i < 20; i++) {
            manager.upgrade("versioned", i % 2 == 0 ? "2.0.0" : "1.0.0");
        }
        running.set(false);
        requester.join(Await.LIMIT.toMillis());

        assertThat(failure.get()).isNull();
        assertThat(unhandled).hasValue(0);
        assertThat(tagsSeen).containsOnlyKeys("one", "two");
        assertThat(tagOfReply()).isEqualTo("one");
    }

    @Test
    void requestDuringSwitchWaitsForNewVersion() throws Exception {
        start("1.0.0");
        CompletableFuture<String> late = new CompletableFuture<>();
        manager.addListener(new ModuleListener() {
            @Override
            public void upgradePhase(String module, String fromVersion, String toVersion, UpgradePhase phase) {
                if (phase != UpgradePhase.SUSPENDED) {
                    return;
                }
                Thread.ofPlatform().name("late-request").start(() -> {
                    try {
                        late.complete(tagOfReply());
                    } catch (Throwable e) {
                        late.completeExceptionally(e);
                    }
                });
                Await.until("the late request waits at the gate", () -> host.gate().waiting("versioned") > 0);
            }
        });

        manager.upgrade("versioned", "2.0.0");

        assertThat(late.get(Await.LIMIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("two");
    }

    @Test
    void lookupNeverEmptyDuringUpgrades() throws Exception {
        start("1.0.0");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger empty = new AtomicInteger();
        Map<String, Boolean> greetings = new ConcurrentHashMap<>();
        Thread looker = Thread.ofPlatform().name("greeter-lookup").start(() -> {
            while (running.get()) {
                host.lookup(Greeter.class).ifPresentOrElse(
                        greeter -> greetings.put(greeter.greet("Alice"), true), empty::incrementAndGet);
            }
        });
        Await.until("the first lookup succeeded", () -> !greetings.isEmpty());

        for (int i = 0; i < 20; i++) {
            manager.upgrade("versioned", i % 2 == 0 ? "2.0.0" : "1.0.0");
        }
        running.set(false);
        looker.join(Await.LIMIT.toMillis());

        assertThat(empty).as("lookups that found no Greeter").hasValue(0);
        assertThat(greetings).containsKey("Hello Alice from one");
    }

    @Test
    void serviceKeepsQueuedMessagesAcrossUpgrade() throws Exception {
        start("1.0.0");
        Pid before = counter();
        int ticks = 20_000;
        AtomicInteger sent = new AtomicInteger();
        Thread sender = Thread.ofPlatform().name("tick-sender").start(() -> {
            for (int i = 0; i < ticks; i++) {
                GenServer.cast(fixture.kernel, before, "tick");
                sent.incrementAndGet();
            }
        });
        Await.until("some ticks were sent", () -> sent.get() > 0);

        manager.upgrade("versioned", "2.0.0");
        sender.join(Await.LIMIT.toMillis());

        assertThat(counter()).isEqualTo(before);
        assertThat(GenServer.call(fixture.kernel, before, "count", CALL_TIMEOUT)).isEqualTo((long) ticks);
        assertThat(GenServer.call(fixture.kernel, before, "from", CALL_TIMEOUT)).isEqualTo("1.0.0");
    }

    @Test
    void failedCodeChangeKeepsOldServiceCode() {
        start("1.0.0");
        GenServer.cast(fixture.kernel, counter(), "tick");
        GenServer.cast(fixture.kernel, counter(), "tick");

        assertThatThrownBy(() -> manager.upgrade("versioned", "3.0.1"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Cannot convert the count of version 1.0.0");

        GenServer.cast(fixture.kernel, counter(), "tick");
        assertThat(count()).isEqualTo(3);
        assertThat(host.version("versioned")).contains("1.0.0");
    }

    @Test
    void failureAfterTakeoverKeepsOldState() {
        start("1.0.0");
        GenServer.cast(fixture.kernel, counter(), "tick");

        assertThatThrownBy(() -> manager.upgrade("versioned", "3.0.2"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Broken after the takeover on purpose");

        assertThat(count()).as("the old code counted the tick the failed start sent").isEqualTo(2);
        assertThat(tagOfReply()).isEqualTo("one");
    }

    @Test
    void rollbackReturnsToPreviousVersion() {
        start("1.0.0");
        GenServer.cast(fixture.kernel, counter(), "tick");
        manager.upgrade("versioned", "2.0.0");

        manager.rollback("versioned");

        assertThat(tagOfReply()).isEqualTo("one");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void countersSurviveUpgradeWhenAskedAgain() {
        start("1.0.1");
        for (int i = 0; i < 3; i++) {
            tagOfReply();
        }

        manager.upgrade("versioned", "2.0.0");
        tagOfReply();

        assertThat(host.counters()).isEqualTo(Map.of("versioned.hits", 4L));
    }

    private Pid counter() {
        return fixture.kernel.whereis(COUNTER).orElseThrow(() -> new AssertionError("The counter service does not run"));
    }

    private Object count() {
        return GenServer.call(fixture.kernel, counter(), "count", CALL_TIMEOUT);
    }

    private String tagOfReply() {
        ModuleDispatch.IqOutcome outcome = fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, VersionedToy.NAMESPACE));
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        return ((ModuleDispatch.IqOutcome.Replied) outcome).reply().child(VersionedToy.NAMESPACE, "query")
                .attribute("tag");
    }

    private static StanzaContext messageToAlice() {
        Jid from = Jid.parse("bob@example.com/desk");
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", from.toString())
                .attribute("to", ALICE_ACCOUNT.toString())
                .build();
        return new StanzaContext(message, from, ALICE_ACCOUNT, VersionedToy.MESSAGE_IN);
    }
}
