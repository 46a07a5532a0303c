package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import dev.tern.hotload.support.Toys.CounterFault;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Pid;
import dev.tern.kernel.Sys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class UpgradeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path directory;

    private static ToyRepository repository;

    private Harness harness;
    private final List<UpgradePhase> phases = new CopyOnWriteArrayList<>();
    private volatile Consumer<UpgradePhase> phaseHook = phase -> { };

    @BeforeAll
    static void buildModules() throws IOException {
        repository = new ToyRepository(directory);
        repository.add("counter", "1.0.0", "toy.counter.CounterModule", Toys.counter(1, CounterFault.NONE), "");
        repository.add("counter", "2.0.0", "toy.counter.CounterModule", Toys.counter(2, CounterFault.NONE), "");
        repository.add("counter", "3.0.0", "toy.counter.CounterModule", Toys.counter(2, CounterFault.START), "");
        repository.add("counter", "3.0.1", "toy.counter.CounterModule", Toys.counter(2, CounterFault.AUDIT_IMPORT), "");
        repository.add("counter", "4.0.0", "toy.counter.Missing", Toys.counter(2, CounterFault.NONE), "");
    }

    private void start(String version) {
        harness = Harness.create(repository, builder -> builder.listener(new ModuleListener() {
            @Override
            public void upgradePhase(String module, String fromVersion, String toVersion, UpgradePhase phase) {
                phases.add(phase);
                phaseHook.accept(phase);
            }
        }));
        harness.manager.install("counter", version);
        harness.manager.start("counter");
    }

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private Object dispatch(Object request) throws Exception {
        return harness.host.dispatch("counter", request);
    }

    private Map<String, Object> snapshot() {
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) GenServer.call(harness.kernel, serverPid("toy.counter.CounterServer"), "get");
        return state;
    }

    private Pid serverPid(String behaviour) {
        return harness.manager.info("counter").orElseThrow().processes().stream()
                .filter(pid -> harness.kernel.info(pid).map(info -> info.behaviour().equals(behaviour)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No process runs " + behaviour));
    }

    private static List<Integer> upTo(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void upgradeUnderLoadLosesNothing() throws Exception {
        start("1.0.0");
        Pid counter = serverPid("toy.counter.CounterServer");
        AtomicInteger casts = new AtomicInteger();
        List<String> replies = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch warmedUp = new CountDownLatch(2);
        CompletableFuture<Void> upgraded = new CompletableFuture<>();

        // Both producers stop by themselves: after the upgrade plus a margin, or at the deadline.
        long deadline = System.nanoTime() + WAIT.toNanos();
        Thread caster = Thread.ofPlatform().name("caster").start(() -> {
            int afterUpgrade = 0;
            for (int i = 0; afterUpgrade < 1_000 && System.nanoTime() < deadline; i++) {
                GenServer.cast(harness.kernel, counter, i);
                casts.set(i + 1);
                if (i == 200) {
                    warmedUp.countDown();
                }
                if (upgraded.isDone()) {
                    afterUpgrade++;
                }
                if (i % 50 == 0) {
                    LockSupport.parkNanos(100_000);
                }
            }
        });
        Thread caller = Thread.ofPlatform().name("caller").start(() -> {
            int afterUpgrade = 0;
            for (int j = 0; afterUpgrade < 100 && System.nanoTime() < deadline; j++) {
                try {
                    replies.add((String) dispatch(j));
                } catch (Exception | Error e) {
                    failures.add(e);
                    return;
                }
                if (j == 50) {
                    warmedUp.countDown();
                }
                if (upgraded.isDone()) {
                    afterUpgrade++;
                }
            }
        });
        assertThat(warmedUp.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // While the gate is closed and the servers are suspended: casts keep arriving, and a
        // request that arrives now must wait for the new version.
        CompletableFuture<Object> lateRequest = new CompletableFuture<>();
        phaseHook = phase -> {
            if (phase != UpgradePhase.SUSPENDED) {
                return;
            }
            int mark = casts.get();
            awaitCondition("100 casts arrived during the suspension", () -> casts.get() >= mark + 100);
            int waitingBefore = harness.manager.gate().waiting("counter");
            Thread.ofPlatform().name("late-request").start(() -> {
                try {
                    lateRequest.complete(dispatch("late"));
                } catch (Exception e) {
                    lateRequest.completeExceptionally(e);
                }
            });
            awaitCondition("the late request waits at the gate",
                    () -> harness.manager.gate().waiting("counter") > waitingBefore);
            assertThat(lateRequest).isNotDone();
        };

        harness.manager.upgrade("counter", "2.0.0");
        upgraded.complete(null);
        caster.join(WAIT.toMillis());
        caller.join(WAIT.toMillis());

        assertThat(caster.isAlive()).isFalse();
        assertThat(caller.isAlive()).isFalse();
        assertThat(failures).isEmpty();
        assertThat(lateRequest.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("route-2.0.0|v2:late");
        assertThat(phases).containsExactly(UpgradePhase.STAGED, UpgradePhase.SUSPENDED, UpgradePhase.CODE_CHANGED,
                UpgradePhase.SWITCHED, UpgradePhase.RESUMED);

        List<String> versions = replies.stream().map(reply -> reply.substring(0, reply.indexOf(':'))).toList();
        int firstNew = versions.indexOf("route-2.0.0|v2");
        assertThat(firstNew).as("some requests were served by 2.0.0").isPositive();
        assertThat(versions.subList(0, firstNew)).as("1.0.0 served every request before the switch")
                .containsOnly("route-1.0.0|v1");
        assertThat(versions.subList(firstNew, versions.size())).as("2.0.0 served every request after it")
                .containsOnly("route-2.0.0|v2");

        Map<String, Object> state = snapshot();
        assertThat(state.get("version")).isEqualTo("v2");
        assertThat(state.get("migrations")).isEqualTo(1);
        assertThat(state.get("calls")).as("every call, in order").isEqualTo(upTo(replies.size()));
        assertThat(state.get("casts")).as("every cast, in order").isEqualTo(upTo(casts.get()));
        assertThat(serverPid("toy.counter.CounterServer")).as("the process survived the upgrade").isEqualTo(counter);
        ModuleInfo info = harness.manager.info("counter").orElseThrow();
        assertThat(info.version()).isEqualTo("2.0.0");
        assertThat(info.state()).isEqualTo(ModuleState.RUNNING);
        assertThat(info.previousVersions()).containsExactly("1.0.0");
        assertThat(info.registrations()).containsExactly("route 'counter'", "route 'audit'");
    }


    private void dispatchNumbers(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            assertThat(dispatch(i)).isEqualTo("route-1.0.0|v1:" + i);
        }
    }

    @Test
    void failingStartKeepsOldVersion() throws Exception {
        start("1.0.0");
        dispatchNumbers(0, 10);
        Set<Pid> before = new HashSet<>(harness.kernel.processes());

        assertThatThrownBy(() -> harness.manager.upgrade("counter", "3.0.0"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Upgrade of module 'counter' from 1.0.0 to 3.0.0 failed while starting 3.0.0")
                .hasMessageContaining("start broken on purpose")
                .hasMessageContaining("Version 1.0.0 keeps running with its state")
                .hasRootCauseMessage("start broken on purpose");

        ModuleInfo info = harness.manager.info("counter").orElseThrow();
        assertThat(info.version()).isEqualTo("1.0.0");
        assertThat(info.state()).isEqualTo(ModuleState.RUNNING);
        assertThat(info.lastError()).contains("start broken on purpose");
        assertThat(info.previousVersions()).isEmpty();
        assertThat(new HashSet<>(harness.kernel.processes())).as("the extra server of 3.0.0 is gone").isEqualTo(before);
        assertThat(harness.host.keys()).containsExactlyInAnyOrder("counter", "audit");
        assertThat(phases).as("nothing was suspended").isEmpty();
        dispatchNumbers(10, 11);
        assertThat(snapshot()).containsEntry("version", "v1").containsEntry("calls", upTo(11)).containsEntry("migrations", 0);
    }

    @Test
    void failingCodeChangeRestoresChangedServers() throws Exception {
        start("1.0.0");
        dispatchNumbers(0, 5);
        Pid counter = serverPid("toy.counter.CounterServer");
        Object stateBefore = Sys.getState(harness.kernel, counter);

        assertThatThrownBy(() -> harness.manager.upgrade("counter", "3.0.1"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Upgrade of module 'counter' from 1.0.0 to 3.0.1 failed")
                .hasMessageContaining("audit import broken on purpose");

        // The counter server changed to 3.0.1 before the audit server failed, and was changed back.
        assertThat(phases).containsExactly(UpgradePhase.STAGED, UpgradePhase.SUSPENDED);
        Object stateAfter = Sys.getState(harness.kernel, counter);
        assertThat(stateAfter).as("the very state object from before the upgrade").isSameAs(stateBefore);
        assertThat(stateAfter.getClass().getClassLoader()).isSameAs(harness.manager.classLoader("counter").orElseThrow());
        assertThat(harness.kernel.info(counter).orElseThrow().behaviour()).isEqualTo("toy.counter.CounterServer");
        assertThat(GenServer.call(harness.kernel, counter, 5)).isEqualTo("v1:5");
        assertThat(harness.manager.info("counter").orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(snapshot()).containsEntry("version", "v1").containsEntry("calls", upTo(6)).containsEntry("migrations", 0);
        assertThat(dispatch("audit")).isEqualTo("route-1.0.0|v1:audit");
    }

    @Test
    void unloadableVersionChangesNothing() throws Exception {
        start("1.0.0");

        assertThatThrownBy(() -> harness.manager.upgrade("counter", "4.0.0"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Cannot load module counter@4.0.0: Entry class 'toy.counter.Missing' of module "
                        + "counter@4.0.0 cannot be loaded");

        assertThat(phases).isEmpty();
        assertThat(harness.manager.info("counter").orElseThrow().version()).isEqualTo("1.0.0");
        dispatchNumbers(0, 1);
    }

    @Test
    void failureAfterSwitchRestoresRegistrations() throws Exception {
        start("1.0.0");
        dispatchNumbers(0, 3);
        phaseHook = phase -> {
            if (phase == UpgradePhase.SWITCHED) {
                throw new IllegalStateException("listener broken on purpose");
            }
        };

        assertThatThrownBy(() -> harness.manager.upgrade("counter", "2.0.0"))
                .hasMessageContaining("listener broken on purpose");

        assertThat(harness.host.keys()).containsExactlyInAnyOrder("counter", "audit");
        dispatchNumbers(3, 4);
        assertThat(snapshot()).containsEntry("version", "v1").containsEntry("calls", upTo(4));
        List<String> events = harness.host.events();
        assertThat(events.subList(events.size() - 6, events.size())).as("2.0.0 was live, then replaced by 1.0.0 again")
                .containsExactly("begin switch counter", "remove counter audit", "remove counter counter",
                        "add counter counter", "add counter audit", "end switch counter");
    }

    @Test
    void switchChangesRegistrationsInOneBracket() throws Exception {
        start("1.0.0");
        int before = harness.host.events().size();

        harness.manager.upgrade("counter", "2.0.0");

        List<String> events = harness.host.events();
        assertThat(events.subList(before, events.size())).containsExactly("begin switch counter",
                "remove counter audit", "remove counter counter", "add counter counter", "add counter audit",
                "end switch counter");
    }

    @Test
    void rollbackReturnsToPreviousVersion() throws Exception {
        start("1.0.0");
        dispatchNumbers(0, 3);
        harness.manager.upgrade("counter", "2.0.0");
        assertThat(dispatch(3)).isEqualTo("route-2.0.0|v2:3");

        ModuleInfo info = harness.manager.rollback("counter");

        assertThat(info.version()).isEqualTo("1.0.0");
        assertThat(info.previousVersions()).isEmpty();
        assertThat(dispatch(4)).isEqualTo("route-1.0.0|v1:4");
        assertThat(snapshot()).containsEntry("version", "v1").containsEntry("calls", upTo(5)).containsEntry("migrations", 2);
        assertThatThrownBy(() -> harness.manager.rollback("counter")).hasMessageContaining("no earlier version");
    }

    @Test
    void stoppedModuleGetsNewCode() throws Exception {
        harness = Harness.create(repository, builder -> { });
        harness.manager.install("counter", "1.0.0");

        harness.manager.upgrade("counter", "2.0.0");
        harness.manager.start("counter");

        assertThat(dispatch(0)).isEqualTo("route-2.0.0|v2:0");
        assertThat(harness.manager.info("counter").orElseThrow().previousVersions()).containsExactly("1.0.0");
    }

    @Test
    void operationsAreLoggedWithBothVersions() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("tern.hotload.lifecycle");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
        try {
            start("1.0.0");
            harness.manager.upgrade("counter", "2.0.0");
            assertThatThrownBy(() -> harness.manager.upgrade("counter", "3.0.0")).isInstanceOf(ModuleException.class);
            harness.manager.rollback("counter");
            harness.manager.stop("counter");
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        List<Map<String, String>> fields = appender.list.stream()
                .map(event -> event.getKeyValuePairs().stream()
                        .collect(Collectors.toMap(pair -> pair.key, pair -> String.valueOf(pair.value))))
                .toList();
        List<String> summaries = fields.stream()
                .map(f -> f.get("operation") + " " + f.get("from_version") + "->" + f.get("to_version") + " " + f.get("outcome"))
                .toList();
        assertThat(summaries).containsExactly(
                "install none->1.0.0 ok",
                "start none->1.0.0 ok",
                "upgrade 1.0.0->2.0.0 ok",
                "upgrade 2.0.0->3.0.0 failed",
                "rollback 2.0.0->1.0.0 ok",
                "stop 1.0.0->none ok");
        assertThat(fields).allSatisfy(f -> assertThat(f).containsEntry("module", "counter").containsKey("duration_ms"));
        ILoggingEvent failure = appender.list.get(3);
        assertThat(failure.getLevel()).isEqualTo(Level.ERROR);
        assertThat(failure.getThrowableProxy().getMessage()).contains("start broken on purpose");
        assertThat(appender.list.get(2).getFormattedMessage()).startsWith("Upgraded module 'counter' from '1.0.0' to '2.0.0' in ");
    }
}
