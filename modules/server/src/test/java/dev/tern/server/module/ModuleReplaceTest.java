package dev.tern.server.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.kernel.Pid;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.ModuleContext;
import dev.tern.xmpp.api.module.StanzaContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleReplaceTest {

    private static final Jid ALICE_ACCOUNT = Jid.parse("alice@example.com");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

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

    @Test
    void replaceSwitchesRegistrationsAndHandsOverState() throws Exception {
        VersionedModule first = new VersionedModule("one", 1);
        VersionedModule second = new VersionedModule("two", 1);
        host.start("versioned", first, "1", Map.of());

        host.replace("versioned", second, "2");

        assertThat(tagOfReply()).isEqualTo("two");
        host.runHooks(messageToAlice());
        assertThat(first.hookCalls).isEmpty();
        assertThat(second.hookCalls).containsExactly("two");
        assertThat(host.tables().features()).contains(VersionedModule.NAMESPACE + "#two")
                .doesNotContain(VersionedModule.NAMESPACE + "#one");
        assertThat(first.stopped).isTrue();
        assertThat(second.importedFrom).isEqualTo("1");
        assertThat(second.imported).isEqualTo(Map.of("tag", "one"));
        assertThat(host.modules()).containsEntry("versioned", "2");
    }

    @Test
    void failedStartKeepsOldVersion() throws Exception {
        VersionedModule first = new VersionedModule("one", 1);
        host.start("versioned", first, "1", Map.of());
        first.counterService.send("tick");
        CountDownLatch probeRan = new CountDownLatch(1);
        AtomicInteger brokenTimerRuns = new AtomicInteger();
        VersionedModule broken = new VersionedModule("broken", 2) {
            @Override
            public void start(ModuleContext context) throws Exception {
                super.start(context);
                context.spawn("extra", new VersionedModule.CountingServiceV1(), null);
                context.schedule(Duration.ofSeconds(1), brokenTimerRuns::incrementAndGet);
                throw new IllegalStateException("Broken on purpose");
            }
        };

        assertThatThrownBy(() -> host.replace("versioned", broken, "2"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("version '1' keeps running")
                .hasMessageContaining("Broken on purpose");

        assertThat(host.modules()).containsEntry("versioned", "1");
        assertThat(tagOfReply()).isEqualTo("one");
        assertThat(host.tables().features()).doesNotContain(VersionedModule.NAMESPACE + "#broken");
        assertThat(first.stopped).isFalse();
        assertThat(fixture.kernel.whereis("tern.module.versioned.extra")).isEmpty();
        assertThat(first.counterService.call("count", CALL_TIMEOUT)).isEqualTo(1);

        host.start("probe", context -> context.schedule(Duration.ofSeconds(1), probeRan::countDown), "1", Map.of());
        fixture.clock.advance(Duration.ofSeconds(2));
        assertThat(probeRan.await(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(brokenTimerRuns).hasValue(0);
    }

    @Test
    void failedImportKeepsOldVersion() {
        host.start("versioned", new VersionedModule("one", 1), "1", Map.of());
        VersionedModule refusing = new VersionedModule("two", 1) {
            @Override
            public void importState(String fromVersion, Map<String, Object> state) {
                throw new IllegalArgumentException("Cannot read state of version " + fromVersion);
            }
        };

        assertThatThrownBy(() -> host.replace("versioned", refusing, "2"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Cannot read state of version 1");

        assertThat(tagOfReply()).isEqualTo("one");
    }

    @Test
    void replaceUnderLoadNeverLeavesGap() throws Exception {
        host.start("versioned", new VersionedModule("v1", 1), "1", Map.of());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger unhandled = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Map<String, Boolean> tagsSeen = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread requester = Thread.ofPlatform().name("iq-requester").start(() -> {
            try {
                while (running.get()) {
                    ModuleDispatch.IqOutcome outcome = fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, VersionedModule.NAMESPACE));
                    if (outcome instanceof ModuleDispatch.IqOutcome.Replied reply) {
                        answered.incrementAndGet();
                        tagsSeen.put(reply.reply().child(VersionedModule.NAMESPACE, "query").attribute("tag"), true);
                    } else {
                        unhandled.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Await.until("the requester got its first reply", () -> answered.get() > 0);

        for (int version = 2; version <= 40; version++) {
            host.replace("versioned", new VersionedModule("v" + version, 1), String.valueOf(version));
        }
        running.set(false);
        requester.join(Await.LIMIT.toMillis());

        assertThat(failure.get()).isNull();
        assertThat(unhandled).hasValue(0);
        assertThat(answered.get()).isGreaterThan(0);
        assertThat(tagOfReply()).isEqualTo("v40");
        assertThat(tagsSeen).containsKey("v1");
    }

    @Test
    void serviceKeepsQueuedMessagesAcrossReplace() throws Exception {
        VersionedModule first = new VersionedModule("one", 1);
        host.start("versioned", first, "1", Map.of());
        Pid before = fixture.kernel.whereis("tern.module.versioned.counter").orElseThrow();
        int ticks = 20_000;
        AtomicInteger sent = new AtomicInteger();
        Thread sender = Thread.ofPlatform().name("tick-sender").start(() -> {
            for (int i = 0; i < ticks; i++) {
                first.counterService.send("tick");
                sent.incrementAndGet();
            }
        });
        Await.until("some ticks were sent", () -> sent.get() > 0);

        VersionedModule second = new VersionedModule("two", 2);
        host.replace("versioned", second, "2");
        sender.join(Await.LIMIT.toMillis());

        assertThat(second.counterService).isSameAs(first.counterService);
        assertThat(fixture.kernel.whereis("tern.module.versioned.counter")).contains(before);
        assertThat(second.counterService.call("count", CALL_TIMEOUT)).isEqualTo((long) ticks);
        assertThat(second.counterService.call("from", CALL_TIMEOUT)).isEqualTo("1");
    }

    @Test
    void failedCodeChangeKeepsOldServiceCode() throws Exception {
        VersionedModule first = new VersionedModule("one", 1);
        host.start("versioned", first, "1", Map.of());
        first.counterService.send("tick");
        first.counterService.send("tick");
        VersionedModule refusing = new VersionedModule("two", 2) {
            @Override
            public void start(ModuleContext context) {
                context.spawn("counter", new VersionedModule.CountingServiceV2() {
                    @Override
                    public Map<String, Object> codeChange(String oldVersion, Object oldState) {
                        throw new IllegalStateException("Cannot convert the count of version " + oldVersion);
                    }
                }, null);
            }
        };

        assertThatThrownBy(() -> host.replace("versioned", refusing, "2"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Cannot convert the count of version 1");

        first.counterService.send("tick");
        assertThat(first.counterService.call("count", CALL_TIMEOUT)).isEqualTo(3);
        assertThat(host.modules()).containsEntry("versioned", "1");
    }

    @Test
    void rollbackMovesMigratedServiceBack() throws Exception {
        VersionedModule first = new VersionedModule("one", 1);
        host.start("versioned", first, "1", Map.of());
        first.counterService.send("tick");
        VersionedModule migratesThenFails = new VersionedModule("two", 2) {
            @Override
            public void start(ModuleContext context) throws Exception {
                super.start(context);
                counterService.send("tick");
                throw new IllegalStateException("Broken after the migration on purpose");
            }
        };

        assertThatThrownBy(() -> host.replace("versioned", migratesThenFails, "2"))
                .isInstanceOf(ModuleException.class);

        assertThat(first.counterService.call("count", CALL_TIMEOUT)).isEqualTo(2);
    }

    @Test
    void countersSurviveReplaceWhenAskedAgain() {
        VersionedModule first = new VersionedModule("one", 1) {
            @Override
            public void start(ModuleContext context) throws Exception {
                super.start(context);
                context.counter("retired").increment();
            }
        };
        host.start("versioned", first, "1", Map.of());
        first.hits.add(3);

        VersionedModule second = new VersionedModule("two", 1);
        host.replace("versioned", second, "2");
        second.hits.increment();

        assertThat(host.counters()).isEqualTo(Map.of("versioned.hits", 4L));
    }

    private String tagOfReply() {
        ModuleDispatch.IqOutcome outcome = fixture.dispatch(fixture.iq("get", ALICE_ACCOUNT, VersionedModule.NAMESPACE));
        assertThat(outcome).isInstanceOf(ModuleDispatch.IqOutcome.Replied.class);
        return ((ModuleDispatch.IqOutcome.Replied) outcome).reply().child(VersionedModule.NAMESPACE, "query").attribute("tag");
    }

    private static StanzaContext messageToAlice() {
        Jid from = Jid.parse("bob@example.com/desk");
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("from", from.toString())
                .attribute("to", ALICE_ACCOUNT.toString())
                .build();
        return new StanzaContext(message, from, ALICE_ACCOUNT, EverythingModule.MESSAGE_IN);
    }
}
