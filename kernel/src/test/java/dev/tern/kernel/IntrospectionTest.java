package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.kernel.RecordingServer.Started;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Process listing and {@link ProcessInfo} snapshots, as erlang:processes/0 and process_info/1. */
@Timeout(30)
class IntrospectionTest {

    private final Kernel kernel = Kernel.builder().name("introspection-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    private ProcessInfo info(Pid pid) {
        return kernel.info(pid).orElseThrow();
    }

    @Test
    void processesListsOnlyLiveProcesses() throws Exception {
        Pid first = kernel.spawn(self -> self.receive());
        Pid second = kernel.spawn(self -> self.receive());

        assertThat(kernel.processes()).contains(first, second);

        MonitorProbe probe = MonitorProbe.watch(kernel, first);
        kernel.send(first, "stop");
        probe.awaitDown();

        assertThat(kernel.processes()).contains(second).doesNotContain(first);
        assertThat(kernel.info(first)).isEmpty();
        assertThat(kernel.lookup(first.serial())).isEmpty();
    }

    @Test
    void genServerInfoShowsRelations() throws Exception {
        Pid owner = kernel.spawn(self -> {
            Pid server = GenServer.startLink(kernel, "introspected", new RecordingServer(events), null);
            self.monitor(server);
            events.put(server);
            self.receive();
        });
        assertThat(Await.take(events)).isInstanceOf(Started.class);
        Pid server = (Pid) Await.take(events);
        Await.waiting(kernel, server);

        ProcessInfo serverInfo = info(server);
        assertThat(serverInfo.pid()).isEqualTo(server);
        assertThat(serverInfo.name()).isEqualTo("introspected");
        assertThat(serverInfo.status()).isEqualTo(ProcessInfo.Status.WAITING);
        assertThat(serverInfo.behaviour()).isEqualTo(RecordingServer.class.getName());
        assertThat(serverInfo.parent()).isEqualTo(owner);
        assertThat(serverInfo.links()).containsExactly(owner);
        assertThat(serverInfo.monitoredBy()).containsExactly(owner);
        assertThat(serverInfo.monitors()).isEmpty();
        assertThat(serverInfo.trapExit()).isFalse();
        assertThat(serverInfo.handled()).isZero();
        assertThat(serverInfo.mailboxLength()).isZero();
        assertThat(serverInfo.children()).isEmpty();
        assertThat(serverInfo.exitReason()).isNull();

        ProcessInfo ownerInfo = info(owner);
        assertThat(ownerInfo.links()).containsExactly(server);
        assertThat(ownerInfo.monitors()).containsExactly(server);
        assertThat(ownerInfo.parent()).as("spawned by the test thread").isNull();
        assertThat(ownerInfo.name()).isNull();
    }

    @Test
    void handledCountsMessages() throws Exception {
        Pid server = GenServer.start(kernel, new RecordingServer(events), null);

        GenServer.cast(kernel, server, "one");
        kernel.send(server, "two");
        GenServer.call(kernel, server, RecordingServer.Command.STATE);

        Await.until("three messages are counted", () -> info(server).handled() == 3);
        assertThat(info(server).handled()).isEqualTo(3);
    }

    @Test
    void statusAndMailboxFollowSuspension() throws Exception {
        Pid server = GenServer.start(kernel, new RecordingServer(events), null);

        Sys.suspend(kernel, server);
        for (String message : List.of("a", "b", "c")) {
            GenServer.cast(kernel, server, message);
        }
        Sys.getState(kernel, server);

        assertThat(info(server).status()).isEqualTo(ProcessInfo.Status.SUSPENDED);
        assertThat(info(server).mailboxLength()).isEqualTo(3);

        Sys.resume(kernel, server);
        Await.waiting(kernel, server);

        assertThat(info(server).mailboxLength()).isZero();
        assertThat(info(server).handled()).isEqualTo(3);
    }

    @Test
    void plainProcessInfoShowsWaitingAndTrapExit() throws Exception {
        ProcessBody body = self -> {
            self.trapExit(true);
            events.put("trapping");
            self.receive();
        };
        Pid pid = kernel.spawn(body);
        assertThat(Await.take(events)).isEqualTo("trapping");
        Await.waiting(kernel, pid);

        ProcessInfo plainInfo = info(pid);
        assertThat(plainInfo.status()).isEqualTo(ProcessInfo.Status.WAITING);
        assertThat(plainInfo.trapExit()).isTrue();
        assertThat(plainInfo.behaviour()).isEqualTo(body.getClass().getName());
        assertThat(plainInfo.links()).isEmpty();
    }
}
