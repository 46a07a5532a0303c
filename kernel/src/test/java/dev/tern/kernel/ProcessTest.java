package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spawning, pids and message sending, as Erlang's spawn/1, spawn_link/1, spawn_monitor/1 and send. */
@Timeout(30)
class ProcessTest {

    private final Kernel kernel = Kernel.builder().name("process-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    @Test
    void spawnRunsBodyAsItsOwnProcess() throws Exception {
        Pid pid = kernel.spawn(self -> {
            events.put(self.self());
            events.put(Kernel.current().self());
        });

        assertThat(Await.take(events)).isEqualTo(pid);
        assertThat(Await.take(events)).isEqualTo(pid);
        assertThat(Kernel.current()).as("the test thread is no process").isNull();
    }

    @Test
    void pidPrintsLikeErlangPid() {
        Pid pid = kernel.spawn(self -> self.receive());

        assertThat(pid.toString()).matches("<0\\.\\d+\\.0>");
        assertThat(pid.toString()).isEqualTo("<0." + pid.serial() + ".0>");
        assertThat(kernel.lookup(pid.serial())).contains(pid);
    }

    @Test
    void equalPidsCompareAndHashEqual() {
        Pid pid = kernel.spawn(self -> self.receive());
        Pid sameProcess = new Pid(pid.serial(), pid.cell);
        Pid later = kernel.spawn(self -> self.receive());

        assertThat(sameProcess).isNotSameAs(pid);
        assertThat(sameProcess).isEqualTo(pid);
        assertThat(sameProcess).hasSameHashCodeAs(pid);
        assertThat(sameProcess.compareTo(pid)).isZero();
        assertThat(new HashSet<>(List.of(pid))).contains(sameProcess);
        assertThat(later).isNotEqualTo(pid);
        assertThat(later.compareTo(pid)).isPositive();
    }

    @Test
    void pidsOfTwoKernelsDiffer() {
        try (Kernel other = Kernel.builder().name("other").build()) {
            Pid firstHere = kernel.spawn(self -> self.receive());
            Pid firstThere = other.spawn(self -> self.receive());

            assertThat(firstThere.serial()).isEqualTo(firstHere.serial());
            assertThat(firstThere.toString()).isEqualTo(firstHere.toString());
            assertThat(firstThere).isNotEqualTo(firstHere);
        }
    }

    @Test
    void spawnLinkLinksBeforeChildRuns() throws Exception {
        ExitReason boom = new ExitReason.Atom("boom");
        Pid parent = kernel.spawn(self -> {
            self.receive(message -> message.equals("go"), null);
            // The child ends at once; only a link made before it runs turns that into boom, not noproc.
            kernel.spawnLink(child -> child.exit(boom));
            self.receive();
        });
        MonitorProbe probe = MonitorProbe.watch(kernel, parent);

        kernel.send(parent, "go");

        assertThat(probe.awaitReason()).isEqualTo(boom);
    }

    @Test
    void spawnLinkFromTrappingParentDeliversExit() throws Exception {
        ExitReason boom = new ExitReason.Atom("boom");
        kernel.spawn(self -> {
            self.trapExit(true);
            Pid child = kernel.spawnLink(c -> c.exit(boom));
            events.put(child);
            events.put(self.receive(Exit.class, null));
        });

        Pid child = (Pid) Await.take(events);

        assertThat(Await.take(events)).isEqualTo(new Exit(child, boom));
    }

    @Test
    void spawnLinkOutsideProcessIsRejected() {
        assertThatThrownBy(() -> kernel.spawnLink(self -> self.receive()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a process");
    }

    @Test
    void spawnMonitorDeliversDownWithReason() throws Exception {
        ExitReason bye = new ExitReason.Atom("bye");
        kernel.spawn(self -> {
            Kernel.Spawned spawned = kernel.spawnMonitor(child -> child.exit(bye));
            events.put(spawned);
            events.put(self.receive(Down.class, null));
        });

        Kernel.Spawned spawned = (Kernel.Spawned) Await.take(events);
        Down down = (Down) Await.take(events);

        assertThat(down.ref()).isSameAs(spawned.ref());
        assertThat(down.pid()).isEqualTo(spawned.pid());
        assertThat(down.reason()).isEqualTo(bye);
    }

    @Test
    void sendToDeadProcessIsDropped() throws Exception {
        Pid pid = kernel.spawn(self -> self.receive());
        MonitorProbe probe = MonitorProbe.watch(kernel, pid);
        kernel.send(pid, "stop");
        probe.awaitDown();

        assertThatCode(() -> kernel.send(pid, "late")).doesNotThrowAnyException();
        assertThat(kernel.isAlive(pid)).isFalse();
        assertThat(kernel.info(pid)).isEmpty();
    }

    @Test
    void sendNeverBlocksOnBusyReceiver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pid idle = kernel.spawn(self -> release.await());
        int count = 100_000;

        for (int i = 0; i < count; i++) {
            kernel.send(idle, i);
        }

        assertThat(kernel.info(idle).orElseThrow().mailboxLength()).isEqualTo(count);
        release.countDown();
    }

    @Test
    void sendToUnknownNameIsRejected() {
        assertThatThrownBy(() -> kernel.send("nobody", "hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nobody'");
    }

    record Numbered(int sender, int n) {
    }

    @Test
    void sendKeepsOrderPerSenderReceiverPair() throws Exception {
        int senders = 4;
        int perSender = 2_000;
        Pid receiver = kernel.spawn(self -> {
            List<Numbered> received = new ArrayList<>();
            for (int i = 0; i < senders * perSender; i++) {
                received.add((Numbered) self.receive());
            }
            events.put(received);
        });
        for (int s = 0; s < senders; s++) {
            int sender = s;
            kernel.spawn(self -> {
                for (int n = 0; n < perSender; n++) {
                    kernel.send(receiver, new Numbered(sender, n));
                }
            });
        }

        @SuppressWarnings("unchecked")
        List<Numbered> received = (List<Numbered>) Await.take(events);

        for (int s = 0; s < senders; s++) {
            int sender = s;
            List<Integer> sequence = received.stream().filter(m -> m.sender() == sender).map(Numbered::n).toList();
            assertThat(sequence).as("messages of sender %d", sender)
                    .containsExactlyElementsOf(IntStream.range(0, perSender).boxed().toList());
        }
    }
}
