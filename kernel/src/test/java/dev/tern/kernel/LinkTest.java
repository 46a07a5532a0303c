package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Links and exit signals, as Erlang's link/1, unlink/1, exit/2 and trap_exit. */
@Timeout(30)
class LinkTest {

    private static final ExitReason BOOM = new ExitReason.Atom("boom");

    private final Kernel kernel = Kernel.builder().name("link-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    /** Spawns a process that waits for an {@link End} and exits with its reason. */
    private Pid spawnEndable() {
        return kernel.spawn(self -> {
            End end = self.receive(End.class, null);
            self.exit(end.reason());
        });
    }

    record End(ExitReason reason) {
    }

    /**
     * Spawns a process that links to {@code other} and reports "linked", then reports "pong"
     * for each "ping" and any other message as it is.
     */
    private Pid spawnLinkedPinger(Pid other, boolean trapExit) throws InterruptedException {
        Pid pid = kernel.spawn(self -> {
            self.trapExit(trapExit);
            self.link(other);
            events.put("linked");
            while (true) {
                Object message = self.receive();
                events.put(message.equals("ping") ? "pong" : message);
            }
        });
        assertThat(Await.take(events)).isEqualTo("linked");
        return pid;
    }

    @Test
    void abnormalExitKillsLinkedProcess() throws Exception {
        Pid crasher = spawnEndable();
        Pid linked = spawnLinkedPinger(crasher, false);
        MonitorProbe probe = MonitorProbe.watch(kernel, linked);

        kernel.send(crasher, new End(BOOM));

        assertThat(probe.awaitReason()).isEqualTo(BOOM);
    }

    @Test
    void crashKillsLinkedProcessWithCrashReason() throws Exception {
        IllegalStateException failure = new IllegalStateException("failed on purpose");
        Pid crasher = kernel.spawn(self -> {
            self.receive(message -> message.equals("crash"), null);
            throw failure;
        });
        Pid linked = spawnLinkedPinger(crasher, false);
        MonitorProbe probe = MonitorProbe.watch(kernel, linked);

        kernel.send(crasher, "crash");

        assertThat(probe.awaitReason()).isEqualTo(new ExitReason.Crash(failure));
    }

    @Test
    void normalExitLeavesLinkedProcessRunning() throws Exception {
        Pid finisher = spawnEndable();
        Pid linked = spawnLinkedPinger(finisher, false);
        MonitorProbe finished = MonitorProbe.watch(kernel, finisher);

        kernel.send(finisher, new End(ExitReason.NORMAL));
        finished.awaitDown();
        // The exit signal went out before the Down, so "ping" is queued behind it.
        kernel.send(linked, "ping");

        assertThat(Await.take(events)).isEqualTo("pong");
        assertThat(kernel.isAlive(linked)).isTrue();
        assertThat(kernel.info(linked).orElseThrow().links()).isEmpty();
    }

    @Test
    void trapExitTurnsSignalsIntoExitMessages() throws Exception {
        Pid crasher = spawnEndable();
        Pid finisher = spawnEndable();
        Pid trapper = kernel.spawn(self -> {
            self.trapExit(true);
            self.link(crasher);
            self.link(finisher);
            events.put("linked");
            while (true) {
                events.put(self.receive());
            }
        });
        assertThat(Await.take(events)).isEqualTo("linked");

        kernel.send(crasher, new End(BOOM));

        assertThat(Await.take(events)).isEqualTo(new Exit(crasher, BOOM));

        kernel.send(finisher, new End(ExitReason.NORMAL));

        assertThat(Await.take(events)).isEqualTo(new Exit(finisher, ExitReason.NORMAL));
        assertThat(kernel.isAlive(trapper)).isTrue();
        assertThat(kernel.info(trapper).orElseThrow().links()).isEmpty();
    }

    @Test
    void killCannotBeTrapped() throws Exception {
        Pid victim = kernel.spawn(self -> {
            self.trapExit(true);
            events.put("trapping");
            events.put(self.receive());
        });
        assertThat(Await.take(events)).isEqualTo("trapping");
        Pid watcher = spawnLinkedPinger(victim, true);
        MonitorProbe probe = MonitorProbe.watch(kernel, victim);

        kernel.exit(victim, ExitReason.KILL);

        assertThat(probe.awaitReason()).isEqualTo(ExitReason.KILLED);
        assertThat(Await.take(events)).as("linked trapping process learns killed, not kill")
                .isEqualTo(new Exit(victim, ExitReason.KILLED));
        assertThat(kernel.isAlive(watcher)).isTrue();
    }

    @Test
    void killedLinkKillsNonTrappingProcessWithKilled() throws Exception {
        Pid victim = kernel.spawn(self -> self.receive());
        Pid linked = spawnLinkedPinger(victim, false);
        MonitorProbe probe = MonitorProbe.watch(kernel, linked);

        kernel.exit(victim, ExitReason.KILL);

        assertThat(probe.awaitReason()).isEqualTo(ExitReason.KILLED);
    }

    @Test
    void killTakesEffectBeforeQueuedMessages() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        Pid victim = kernel.spawn(self -> {
            events.put("busy");
            // Busy outside receive, deaf to interrupts, while a message and the kill arrive.
            while (!release.get()) {
                Thread.onSpinWait();
            }
            // add, not put: put would fail on the kill's interrupt and hide a received message.
            events.add(self.receive(Duration.ZERO));
        });
        assertThat(Await.take(events)).isEqualTo("busy");
        MonitorProbe probe = MonitorProbe.watch(kernel, victim);

        kernel.send(victim, "queued before the kill");
        kernel.exit(victim, ExitReason.KILL);
        release.set(true);

        assertThat(probe.awaitReason()).isEqualTo(ExitReason.KILLED);
        assertThat(events).as("a killed process handles no further message").isEmpty();
    }

    @Test
    void killEndsProcessBlockedInCall() throws Exception {
        Pid server = GenServer.start(kernel, new NeverReplies(events), null);
        Pid caller = kernel.spawn(self -> {
            GenServer.call(kernel, server, "wait", null);
            events.put("call returned");
        });
        assertThat(Await.take(events)).isEqualTo("got wait");
        MonitorProbe probe = MonitorProbe.watch(kernel, caller);

        kernel.exit(caller, ExitReason.KILL);

        assertThat(probe.awaitReason()).isEqualTo(ExitReason.KILLED);
        assertThat(events).isEmpty();
    }

    /** A server that takes every call and never replies to it. */
    record NeverReplies(BlockingQueue<Object> events) implements GenServer<Object> {
        @Override
        public Init<Object> init(ProcessContext self, Object args) {
            return Init.ok("idle");
        }

        @Override
        public Result<Object> handleCall(Object request, From from, Object state) throws Exception {
            events.put("got " + request);
            return Result.noReply(state);
        }
    }

    @Test
    void exitFromOutsideEndsNonTrappingProcess() throws Exception {
        Pid pid = kernel.spawn(self -> self.receive());
        MonitorProbe probe = MonitorProbe.watch(kernel, pid);

        kernel.exit(pid, BOOM);

        assertThat(probe.awaitReason()).isEqualTo(BOOM);
    }

    @Test
    void exitFromOutsideReachesTrappingProcessAsMessage() throws Exception {
        Pid pid = kernel.spawn(self -> {
            self.trapExit(true);
            events.put("trapping");
            events.put(self.receive());
            events.put(self.receive());
        });
        assertThat(Await.take(events)).isEqualTo("trapping");

        kernel.exit(pid, BOOM);
        kernel.exit(pid, ExitReason.NORMAL);

        // A sender that is no process is reported as the target itself.
        assertThat(Await.take(events)).isEqualTo(new Exit(pid, BOOM));
        assertThat(Await.take(events)).isEqualTo(new Exit(pid, ExitReason.NORMAL));
    }

    @Test
    void normalExitFromOutsideIsIgnored() throws Exception {
        Pid pid = kernel.spawn(self -> {
            while (true) {
                if (self.receive().equals("ping")) {
                    events.put("pong");
                }
            }
        });

        kernel.exit(pid, ExitReason.NORMAL);
        kernel.send(pid, "ping");

        assertThat(Await.take(events)).isEqualTo("pong");
        assertThat(kernel.isAlive(pid)).isTrue();
    }

    @Test
    void normalExitFromOtherProcessIsIgnored() throws Exception {
        Pid target = kernel.spawn(self -> {
            while (true) {
                if (self.receive().equals("ping")) {
                    events.put("pong");
                }
            }
        });

        kernel.spawn(self -> {
            kernel.exit(target, ExitReason.NORMAL);
            kernel.send(target, "ping");
        });

        assertThat(Await.take(events)).isEqualTo("pong");
        assertThat(kernel.isAlive(target)).isTrue();
    }

    @Test
    void normalExitToSelfEndsProcess() throws Exception {
        Pid pid = kernel.spawn(self -> {
            self.receive(message -> message.equals("go"), null);
            kernel.exit(self.self(), ExitReason.NORMAL);
            self.receive();
            events.put("survived");
        });
        MonitorProbe probe = MonitorProbe.watch(kernel, pid);

        kernel.send(pid, "go");

        assertThat(probe.awaitReason()).isEqualTo(ExitReason.NORMAL);
        assertThat(events).isEmpty();
    }

    @Test
    void linkToDeadProcessDeliversNoprocExit() throws Exception {
        Pid dead = kernel.spawn(self -> {
        });
        MonitorProbe.watch(kernel, dead).awaitDown();

        kernel.spawn(self -> {
            self.trapExit(true);
            self.link(dead);
            events.put(self.receive(Duration.ZERO));
        });

        assertThat(Await.take(events)).isEqualTo(new Exit(dead, ExitReason.NOPROC));
    }

    @Test
    void linkToDeadProcessKillsNonTrappingCaller() throws Exception {
        Pid dead = kernel.spawn(self -> {
        });
        MonitorProbe.watch(kernel, dead).awaitDown();
        Pid linker = kernel.spawn(self -> {
            self.receive(message -> message.equals("go"), null);
            self.link(dead);
            events.put("link returned");
        });
        MonitorProbe probe = MonitorProbe.watch(kernel, linker);

        kernel.send(linker, "go");

        assertThat(probe.awaitReason()).isEqualTo(ExitReason.NOPROC);
        assertThat(events).as("link fails at once, as erlang:link/1 does").isEmpty();
    }

    @Test
    void unlinkStopsPropagation() throws Exception {
        Pid crasher = spawnEndable();
        Pid linked = kernel.spawn(self -> {
            self.link(crasher);
            self.unlink(crasher);
            events.put("unlinked");
            while (true) {
                if (self.receive().equals("ping")) {
                    events.put("pong");
                }
            }
        });
        assertThat(Await.take(events)).isEqualTo("unlinked");
        MonitorProbe crashed = MonitorProbe.watch(kernel, crasher);

        kernel.send(crasher, new End(BOOM));
        crashed.awaitDown();
        kernel.send(linked, "ping");

        assertThat(Await.take(events)).isEqualTo("pong");
        assertThat(kernel.info(crasher)).isEmpty();
        assertThat(kernel.info(linked).orElseThrow().links()).isEmpty();
    }
}
