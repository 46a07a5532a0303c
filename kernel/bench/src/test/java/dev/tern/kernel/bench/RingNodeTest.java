package dev.tern.kernel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RingNodeTest {

    private final Kernel kernel = Kernel.builder().name("ring-test").build();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    @Test
    void genServerRingDeliversEveryHop() throws InterruptedException {
        Pid[] nodes = RingNode.startGenServerRing(kernel, 3);

        assertThat(nodes).hasSize(3).doesNotHaveDuplicates();
        assertThat(passToken(nodes[0], 1_000)).isTrue();
        assertThat(passToken(nodes[1], 1)).isTrue();
        assertThat(nodes).allMatch(kernel::isAlive);
    }

    @Test
    void plainRingDeliversEveryHop() throws InterruptedException {
        Pid[] nodes = RingNode.spawnPlainRing(kernel, 3);

        assertThat(nodes).hasSize(3).doesNotHaveDuplicates();
        assertThat(passToken(nodes[0], 1_000)).isTrue();
        assertThat(passToken(nodes[2], 1)).isTrue();
        assertThat(nodes).allMatch(kernel::isAlive);
    }

    /** Returns true when the token's last hop counted down its latch within 10 s. */
    private boolean passToken(Pid first, long hops) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        kernel.send(first, new RingNode.Token(hops, done));
        return done.await(10, TimeUnit.SECONDS);
    }
}
