package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.kernel.ChildSpec.Restart;
import dev.tern.kernel.ChildSpec.Shutdown;
import dev.tern.kernel.SupervisorSpec.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private final ManualClock clock = new ManualClock();
    private final Kernel kernel = Kernel.builder().name("supervisor-test").clock(clock).build();

    /** Every start and terminate of a worker, as "start:ID" and "stop:ID", in order. */
    private final BlockingQueue<String> journal = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    /** A worker that records its start and terminate in the journal and traps exits so terminate runs. */
    final class Worker implements GenServer<String> {
        @Override
        public Init<String> init(ProcessContext self, Object args) {
            self.trapExit(true);
            journal.add("start:" + args);
            return Init.ok((String) args);
        }

        @Override
        public Result<String> handleCall(Object request, From from, String id) {
            return switch (String.valueOf(request)) {
                case "crash" -> throw new IllegalStateException("worker " + id + " told to crash");
                case "stop-normal" -> Result.stopAndReply(ExitReason.NORMAL, "ok", id);
                default -> Result.reply(id, id);
            };
        }

        @Override
        public void terminate(ExitReason reason, String id) {
            journal.add("stop:" + id);
        }
    }

    private ChildSpec worker(String id) {
        return ChildSpec.worker(id, (k, extra) -> GenServer.startLink(k, new Worker(), id));
    }

    private String next() throws InterruptedException {
        String entry = journal.poll(10, TimeUnit.SECONDS);
        assertThat(entry).as("journal entry").isNotNull();
        return entry;
    }

    private Pid childPid(Pid supervisor, String id) {
        return Supervisor.whichChildren(kernel, supervisor).stream()
                .filter(child -> child.id().equals(id)).findFirst().orElseThrow().pid();
    }

    private void crash(Pid child) {
        assertThatThrownBy(() -> GenServer.call(kernel, child, "crash")).isInstanceOf(CallException.class);
    }

    @Test
    void childrenStartInOrderAndStopInReverse() throws Exception {
        Pid supervisor = Supervisor.start(kernel,
                SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("a"), worker("b"), worker("c"))));
        assertThat(List.of(next(), next(), next())).containsExactly("start:a", "start:b", "start:c");

        kernel.exit(supervisor, ExitReason.SHUTDOWN);

        assertThat(List.of(next(), next(), next())).containsExactly("stop:c", "stop:b", "stop:a");
    }

    @Test
    void stopTerminatesChildrenInReverse() throws Exception {
        Pid supervisor = Supervisor.start(kernel,
                SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("a"), worker("b"))));
        next();
        next();

        Supervisor.stop(kernel, supervisor, ExitReason.SHUTDOWN);

        assertThat(List.of(next(), next())).containsExactly("stop:b", "stop:a");
        assertThat(kernel.isAlive(supervisor)).isFalse();
    }

    @Test
    void oneForOneRestartsOnlyTheCrashedChild() throws Exception {
        Pid supervisor = Supervisor.start(kernel,
                SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("a"), worker("b"))));
        next();
        next();
        Pid a = childPid(supervisor, "a");
        Pid b = childPid(supervisor, "b");

        crash(a);

        assertThat(next()).isEqualTo("stop:a");
        assertThat(next()).isEqualTo("start:a");
        assertThat(childPid(supervisor, "a")).isNotEqualTo(a);
        assertThat(childPid(supervisor, "b")).isEqualTo(b);
        assertThat(kernel.info(supervisor).orElseThrow().children())
                .containsExactly(childPid(supervisor, "a"), b);
    }

    @Test
    void restForOneRestartsLaterChildrenInOrder() throws Exception {
        Pid supervisor = Supervisor.start(kernel,
                SupervisorSpec.of(Strategy.REST_FOR_ONE, List.of(worker("a"), worker("b"), worker("c"))));
        next();
        next();
        next();
        Pid a = childPid(supervisor, "a");

        crash(childPid(supervisor, "b"));

        // b's own terminate runs as it crashes; then c is stopped, then b and c start in order.
        assertThat(List.of(next(), next(), next(), next()))
                .containsExactly("stop:b", "stop:c", "start:b", "start:c");
        assertThat(childPid(supervisor, "a")).isEqualTo(a);
    }

    @Test
    void oneForAllRestartsEveryChild() throws Exception {
        Pid supervisor = Supervisor.start(kernel,
                SupervisorSpec.of(Strategy.ONE_FOR_ALL, List.of(worker("a"), worker("b"), worker("c"))));
        next();
        next();
        next();

        crash(childPid(supervisor, "a"));

        assertThat(List.of(next(), next(), next(), next(), next(), next()))
                .containsExactly("stop:a", "stop:c", "stop:b", "start:a", "start:b", "start:c");
    }

    @Test
    void restartIntensityExceededShutsDownSupervisor() throws Exception {
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("a"))));
        next();
        BlockingQueue<Object> downs = new LinkedBlockingQueue<>();
        kernel.spawn(self -> {
            self.monitor(supervisor);
            downs.add(self.receive());
        });
        awaitMonitoredBy(supervisor);

        crash(childPid(supervisor, "a"));
        assertThat(List.of(next(), next())).containsExactly("stop:a", "start:a");

        // A second crash within the default period of 5 seconds is more than intensity 1.
        clock.advance(Duration.ofSeconds(4));
        crash(childPid(supervisor, "a"));

        Object down = downs.poll(10, TimeUnit.SECONDS);
        assertThat(down).isInstanceOf(Down.class);
        assertThat(((Down) down).reason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(kernel.isAlive(supervisor)).isFalse();
    }

    @Test
    void restartsOutsideThePeriodDoNotAccumulate() throws Exception {
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("a"))));
        next();
        for (int i = 0; i < 3; i++) {
            crash(childPid(supervisor, "a"));
            assertThat(List.of(next(), next())).containsExactly("stop:a", "start:a");
            clock.advance(Duration.ofSeconds(6));
        }
        assertThat(kernel.isAlive(supervisor)).isTrue();
    }

    @Test
    void transientChildIsNotRestartedAfterNormalExit() throws Exception {
        ChildSpec spec = worker("t").withRestart(Restart.TRANSIENT);
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(spec)));
        next();

        assertThat(GenServer.call(kernel, childPid(supervisor, "t"), "stop-normal")).isEqualTo("ok");
        assertThat(next()).isEqualTo("stop:t");

        awaitChildren(supervisor, 0);
        assertThat(journal.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void temporaryChildIsNeverRestarted() throws Exception {
        ChildSpec spec = worker("t").withRestart(Restart.TEMPORARY);
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(spec)));
        next();

        crash(childPid(supervisor, "t"));
        assertThat(next()).isEqualTo("stop:t");

        awaitChildren(supervisor, 0);
        assertThat(Supervisor.whichChildren(kernel, supervisor)).isEmpty();
    }

    @Test
    void shutdownTimeoutKillsAChildThatIgnoresShutdown() throws Exception {
        // A plain process that traps exits and never stops on its own.
        ChildSpec stubborn = new ChildSpec("stubborn", (k, extra) -> k.spawnLink(self -> {
            self.trapExit(true);
            journal.add("start:stubborn");
            while (true) {
                Object message = self.receive();
                journal.add("got:" + message);
            }
        }), Restart.PERMANENT, Shutdown.timeout(Duration.ofSeconds(2)), ChildSpec.ChildType.WORKER);
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(stubborn)));
        next();
        Pid child = childPid(supervisor, "stubborn");

        Thread terminator = Thread.ofVirtual().start(() -> Supervisor.terminateChild(kernel, supervisor, "stubborn"));
        assertThat(next()).startsWith("got:Exit[");
        clock.advance(Duration.ofSeconds(3));
        terminator.join(10_000);

        assertThat(terminator.isAlive()).isFalse();
        assertThat(kernel.isAlive(child)).isFalse();
    }

    @Test
    void brutalKillEndsChildWithKilled() throws Exception {
        ChildSpec spec = worker("b").withShutdown(Shutdown.BRUTAL_KILL);
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(spec)));
        next();
        Pid child = childPid(supervisor, "b");
        BlockingQueue<Object> downs = new LinkedBlockingQueue<>();
        kernel.spawn(self -> {
            self.monitor(child);
            downs.add(self.receive());
        });
        awaitMonitoredBy(child);

        Supervisor.terminateChild(kernel, supervisor, "b");

        Down down = (Down) downs.poll(10, TimeUnit.SECONDS);
        assertThat(down).isNotNull();
        assertThat(down.reason()).isEqualTo(ExitReason.KILLED);
        // Killed workers run no terminate callback.
        assertThat(journal.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void simpleOneForOneStartsDynamicChildren() throws Exception {
        ChildSpec template = ChildSpec.worker("session",
                (k, extra) -> GenServer.startLink(k, new Worker(), extra.getFirst()));
        Pid supervisor = Supervisor.start(kernel, SupervisorSpec.of(Strategy.SIMPLE_ONE_FOR_ONE, List.of(template)));

        Pid first = Supervisor.startChild(kernel, supervisor, List.of("s1"));
        Pid second = Supervisor.startChild(kernel, supervisor, List.of("s2"));

        assertThat(List.of(next(), next())).containsExactly("start:s1", "start:s2");
        assertThat(GenServer.call(kernel, second, "who")).isEqualTo("s2");
        assertThat(Supervisor.whichChildren(kernel, supervisor)).extracting(Supervisor.ChildInfo::pid)
                .containsExactlyInAnyOrder(first, second);

        crash(first);
        assertThat(List.of(next(), next())).containsExactly("stop:s1", "start:s1");

        Supervisor.terminateChild(kernel, supervisor, second);
        assertThat(next()).isEqualTo("stop:s2");
        assertThat(Supervisor.whichChildren(kernel, supervisor)).hasSize(1);
    }

    @Test
    void failingChildStartFailsSupervisorStart() throws Exception {
        ChildSpec broken = ChildSpec.worker("broken", (k, extra) -> {
            throw new IllegalStateException("no database");
        });

        assertThatThrownBy(() -> Supervisor.start(kernel,
                SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("a"), broken))))
                .isInstanceOf(StartException.class)
                .hasMessageContaining("failed_to_start_child")
                .hasMessageContaining("broken");
        // The child that had started is stopped again.
        assertThat(List.of(next(), next())).containsExactly("start:a", "stop:a");
    }

    @Test
    void nestedSupervisorRestartsAfterItsChildrenGiveUp() throws Exception {
        SupervisorSpec innerSpec = SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(worker("w")));
        ChildSpec inner = ChildSpec.supervisor("inner", (k, extra) -> Supervisor.startLink(k, innerSpec));
        Pid top = Supervisor.start(kernel,
                new SupervisorSpec(Strategy.ONE_FOR_ONE, 5, Duration.ofSeconds(5), List.of(inner)));
        assertThat(next()).isEqualTo("start:w");
        Pid innerPid = childPid(top, "inner");

        crash(childPid(innerPid, "w"));
        assertThat(List.of(next(), next())).containsExactly("stop:w", "start:w");
        crash(childPid(innerPid, "w"));

        // The inner supervisor exceeds its intensity and exits with shutdown; top restarts it.
        assertThat(next()).isEqualTo("stop:w");
        assertThat(next()).isEqualTo("start:w");
        awaitChildren(top, 1);
        assertThat(childPid(top, "inner")).isNotEqualTo(innerPid);
        assertThat(kernel.info(top).orElseThrow().children()).hasSize(1);
    }

    private void awaitMonitoredBy(Pid target) throws InterruptedException {
        for (int i = 0; i < 1000 && kernel.info(target).orElseThrow().monitoredBy().isEmpty(); i++) {
            Thread.sleep(5);
        }
        assertThat(kernel.info(target).orElseThrow().monitoredBy()).isNotEmpty();
    }

    private void awaitChildren(Pid supervisor, int running) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            long count = Supervisor.whichChildren(kernel, supervisor).stream().filter(c -> c.pid() != null).count();
            if (count == running) {
                return;
            }
            Thread.sleep(5);
        }
        assertThat(Supervisor.whichChildren(kernel, supervisor).stream().filter(c -> c.pid() != null).count())
                .isEqualTo(running);
    }
}
