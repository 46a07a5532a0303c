package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Monitors, as Erlang's monitor/2 and demonitor/2. */
@Timeout(30)
class MonitorTest {

    private static final ExitReason BOOM = new ExitReason.Atom("boom");

    private final Kernel kernel = Kernel.builder().name("monitor-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    /** Spawns a process that exits with the reason of the first {@link ExitReason} it receives. */
    private Pid spawnTarget() {
        return kernel.spawn(self -> self.exit(self.receive(ExitReason.class, null)));
    }

    /** Returns the mailbox length of a live process. */
    private int mailboxLength(Pid pid) {
        return kernel.info(pid).orElseThrow().mailboxLength();
    }

    @Test
    void downCarriesRefPidAndReason() throws Exception {
        Pid target = spawnTarget();
        kernel.spawn(self -> {
            MonitorRef ref = self.monitor(target);
            events.put(ref);
            events.put(self.receive());
        });
        MonitorRef ref = (MonitorRef) Await.take(events);

        kernel.send(target, BOOM);

        assertThat(Await.take(events)).isEqualTo(new Down(ref, target, BOOM));
        assertThat(ref.target()).isEqualTo(target);
    }

    @Test
    void monitoringDoesNotLinkWatcher() throws Exception {
        Pid target = spawnTarget();
        Pid watcher = kernel.spawn(self -> {
            self.monitor(target);
            events.put("monitoring");
            events.put(self.receive(Down.class, null).reason());
            events.put(self.receive());
        });
        assertThat(Await.take(events)).isEqualTo("monitoring");

        kernel.send(target, BOOM);

        assertThat(Await.take(events)).isEqualTo(BOOM);
        kernel.send(watcher, "still alive");
        assertThat(Await.take(events)).isEqualTo("still alive");
    }

    @Test
    void monitorOfDeadProcessDeliversNoprocAtOnce() throws Exception {
        Pid target = spawnTarget();
        MonitorProbe probe = MonitorProbe.watch(kernel, target);
        kernel.send(target, BOOM);
        assertThat(probe.awaitReason()).isEqualTo(BOOM);

        kernel.spawn(self -> {
            MonitorRef ref = self.monitor(target);
            events.put(ref);
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });
        MonitorRef ref = (MonitorRef) Await.take(events);

        assertThat(Await.take(events)).isEqualTo(Optional.of(new Down(ref, target, ExitReason.NOPROC)));
    }

    @Test
    void demonitorActiveMonitorPreventsDown() throws Exception {
        Pid target = spawnTarget();
        Pid watcher = kernel.spawn(self -> {
            MonitorRef ref = self.monitor(target);
            events.put(self.demonitor(ref, false));
            self.receive(message -> message.equals("check"), null);
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });
        assertThat(Await.take(events)).as("monitor was active").isEqualTo(true);
        MonitorProbe probe = MonitorProbe.watch(kernel, target);

        kernel.send(target, BOOM);
        probe.awaitDown();
        kernel.send(watcher, "check");

        assertThat(Await.take(events)).isEqualTo(Optional.empty());
    }

    @Test
    void demonitorWithoutFlushKeepsDeliveredDown() throws Exception {
        Pid target = spawnTarget();
        Pid watcher = kernel.spawn(self -> {
            MonitorRef ref = self.monitor(target);
            events.put(ref);
            self.receive(message -> message.equals("demonitor"), null);
            events.put(self.demonitor(ref, false));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });
        MonitorRef ref = (MonitorRef) Await.take(events);

        kernel.send(target, BOOM);
        Await.until("the Down is in the watcher's mailbox", () -> mailboxLength(watcher) == 1);
        kernel.send(watcher, "demonitor");

        assertThat(Await.take(events)).as("monitor was no longer active").isEqualTo(false);
        assertThat(Await.take(events)).isEqualTo(Optional.of(new Down(ref, target, BOOM)));
    }

    @Test
    void demonitorWithFlushRemovesDeliveredDown() throws Exception {
        Pid target = spawnTarget();
        Pid watcher = kernel.spawn(self -> {
            MonitorRef ref = self.monitor(target);
            events.put("monitoring");
            self.receive(message -> message.equals("demonitor"), null);
            events.put(self.demonitor(ref, true));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });
        assertThat(Await.take(events)).isEqualTo("monitoring");

        kernel.send(target, BOOM);
        Await.until("the Down is in the watcher's mailbox", () -> mailboxLength(watcher) == 1);
        kernel.send(watcher, "after the down");
        kernel.send(watcher, "demonitor");

        assertThat(Await.take(events)).isEqualTo(false);
        assertThat(Await.take(events)).as("other messages stay").isEqualTo(Optional.of("after the down"));
        assertThat(Await.take(events)).as("the Down is gone").isEqualTo(Optional.empty());
    }

    @Test
    void downFromEndingTargetAfterDemonitorIsDropped() throws Exception {
        Pid target = spawnTarget();
        Pid watcher = kernel.spawn(self -> {
            MonitorRef ref = self.monitor(target);
            events.put(ref);
            events.put(self.demonitor(ref, true));
            self.receive(message -> message.equals("check"), null);
            events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
        });
        MonitorRef ref = (MonitorRef) Await.take(events);
        assertThat(Await.take(events)).isEqualTo(true);

        // The target's exit snapshots its monitors before it sends the Downs, so a Down for a
        // monitor removed in that window still reaches the watcher's Watcher.down afterwards.
        ref.watcher.down(ref, target, BOOM);
        kernel.send(watcher, "check");

        assertThat(Await.take(events)).as("no Down after demonitor returned, as erlang:demonitor/1 promises")
                .isEqualTo(Optional.empty());
    }

    @Test
    void eachMonitorGetsItsOwnDown() throws Exception {
        Pid target = spawnTarget();
        kernel.spawn(self -> {
            MonitorRef first = self.monitor(target);
            MonitorRef second = self.monitor(target);
            events.put(first);
            events.put(second);
            events.put(self.receive(Down.class, null));
            events.put(self.receive(Down.class, null));
        });
        MonitorRef first = (MonitorRef) Await.take(events);
        MonitorRef second = (MonitorRef) Await.take(events);

        kernel.send(target, BOOM);

        assertThat(first).isNotSameAs(second);
        assertThat(List.of(Await.take(events), Await.take(events)))
                .containsExactlyInAnyOrder(new Down(first, target, BOOM), new Down(second, target, BOOM));
    }
}
