package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The name registry, as Erlang's register/2, unregister/1, whereis/1 and registered/0. */
@Timeout(30)
class RegistryTest {

    private final Kernel kernel = Kernel.builder().name("registry-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    /** Spawns a process that reports every message and ends on "stop". */
    private Pid spawnEcho() {
        return kernel.spawn(self -> {
            Object message;
            while (!(message = self.receive()).equals("stop")) {
                events.put(message);
            }
        });
    }

    @Test
    void registeredNameFindsAndReachesProcess() throws Exception {
        Pid echo = spawnEcho();

        kernel.register("echo", echo);
        kernel.send("echo", "by name");

        assertThat(kernel.whereis("echo")).contains(echo);
        assertThat(kernel.registered()).contains("echo");
        assertThat(kernel.info(echo).orElseThrow().name()).isEqualTo("echo");
        assertThat(Await.take(events)).isEqualTo("by name");
    }

    @Test
    void unregisterFreesName() {
        Pid echo = spawnEcho();
        kernel.register("echo", echo);

        assertThat(kernel.unregister("echo")).isTrue();

        assertThat(kernel.whereis("echo")).isEmpty();
        assertThat(kernel.registered()).doesNotContain("echo");
        assertThat(kernel.info(echo).orElseThrow().name()).isNull();
        assertThat(kernel.unregister("echo")).as("second unregister").isFalse();
        assertThatThrownBy(() -> kernel.send("echo", "lost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo'");
    }

    @Test
    void nameIsFreedWhenProcessEnds() throws Exception {
        Pid first = spawnEcho();
        kernel.register("echo", first);
        MonitorProbe probe = MonitorProbe.watch(kernel, first);

        kernel.send(first, "stop");
        probe.awaitDown();

        assertThat(kernel.whereis("echo")).isEmpty();
        Pid second = spawnEcho();
        kernel.register("echo", second);
        assertThat(kernel.whereis("echo")).contains(second);
    }

    @Test
    void takenNameIsRejectedNamingHolder() {
        Pid holder = spawnEcho();
        Pid other = spawnEcho();
        kernel.register("echo", holder);

        assertThatThrownBy(() -> kernel.register("echo", other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'echo'")
                .hasMessageContaining("taken by " + holder);
        assertThat(kernel.whereis("echo")).contains(holder);
        assertThat(kernel.info(other).orElseThrow().name()).isNull();
    }

    @Test
    void secondNameForProcessIsRejected() {
        Pid echo = spawnEcho();
        kernel.register("first", echo);

        assertThatThrownBy(() -> kernel.register("second", echo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered as 'first'");
        assertThat(kernel.whereis("second")).isEmpty();
    }

    @Test
    void deadProcessCannotBeRegistered() throws Exception {
        Pid echo = spawnEcho();
        MonitorProbe probe = MonitorProbe.watch(kernel, echo);
        kernel.send(echo, "stop");
        probe.awaitDown();

        assertThatThrownBy(() -> kernel.register("echo", echo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not alive");
        assertThat(kernel.whereis("echo")).isEmpty();
    }
}
