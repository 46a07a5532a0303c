package dev.tern.kernel;

import static dev.tern.kernel.RecordingServer.Command.STATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.kernel.RecordingServer.Echo;
import dev.tern.kernel.RecordingServer.Started;
import dev.tern.kernel.RecordingServer.TrapExits;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OTP's sys suspend, resume and get_state on a GenServer. */
@Timeout(30)
class SysTest {

    private final Kernel kernel = Kernel.builder().name("sys-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    private Pid startRecorder(Object args) throws InterruptedException {
        Pid pid = GenServer.start(kernel, new RecordingServer(events), args);
        assertThat(Await.take(events)).isEqualTo(new Started(pid, args));
        return pid;
    }

    private ProcessInfo info(Pid pid) {
        return kernel.info(pid).orElseThrow();
    }

    @Test
    void suspendQueuesMessagesUntilResumeInOrder() throws Exception {
        Pid server = startRecorder(null);

        Sys.suspend(kernel, server);
        GenServer.cast(kernel, server, "a");
        kernel.send(server, "b");
        GenServer.cast(kernel, server, "c");

        // get_state queues behind the three messages, so they have arrived when it returns.
        assertThat(Sys.getState(kernel, server)).as("nothing handled while suspended").isEqualTo(List.of());
        assertThat(info(server).status()).isEqualTo(ProcessInfo.Status.SUSPENDED);
        assertThat(info(server).mailboxLength()).isEqualTo(3);
        assertThat(events).isEmpty();

        Sys.resume(kernel, server);

        assertThat(Sys.getState(kernel, server)).isEqualTo(List.of("a", "b", "c"));
        assertThat(Await.take(events)).isEqualTo("b");
        Await.waiting(kernel, server);
        assertThat(info(server).mailboxLength()).isZero();
    }

    @Test
    void callWhileSuspendedIsAnsweredAfterResume() throws Exception {
        Pid server = startRecorder(null);
        Sys.suspend(kernel, server);

        kernel.spawn(self -> events.put(Optional.ofNullable(GenServer.call(kernel, server, new Echo("late")))));
        Await.until("the call is queued", () -> info(server).mailboxLength() == 1);

        assertThat(events).isEmpty();

        Sys.resume(kernel, server);

        assertThat(Await.take(events)).isEqualTo(Optional.of("late"));
    }

    @Test
    void suspendedTrappedExitKeepsQueueOrder() throws Exception {
        Pid server = startRecorder(new TrapExits());
        Pid linked = kernel.spawn(self -> {
            self.link(server);
            events.put("linked");
            self.exit(self.receive(ExitReason.class, null));
        });
        assertThat(Await.take(events)).isEqualTo("linked");
        MonitorProbe probe = MonitorProbe.watch(kernel, linked);
        ExitReason boom = new ExitReason.Atom("boom");

        Sys.suspend(kernel, server);
        kernel.send(server, "before");
        kernel.send(linked, boom);
        probe.awaitDown();
        kernel.send(server, "after");

        assertThat(Sys.getState(kernel, server)).as("nothing handled while suspended").isEqualTo(List.of());

        Sys.resume(kernel, server);

        assertThat(GenServer.call(kernel, server, STATE)).isEqualTo(List.of("before", new Exit(linked, boom), "after"));
    }

    @Test
    void sysOnPlainProcessIsRejected() {
        Pid plain = kernel.spawn(self -> self.receive(message -> false, null));

        assertThatThrownBy(() -> Sys.getState(kernel, plain))
                .isInstanceOf(Sys.SysException.class)
                .hasMessageContaining("not a behaviour");
        assertThat(kernel.isAlive(plain)).isTrue();
    }
}
