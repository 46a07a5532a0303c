package dev.tern.kernel.bench;

import dev.tern.kernel.ExitReason;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

/**
 * Sends one token 10,000,000 hops around rings of 10,000 and 100,000 processes, as the
 * Erlang {@code ring} workload does, and reports hops per second.
 */
final class RingWorkload {

    static final long HOPS = 10_000_000;

    private RingWorkload() {
    }

    /** Reports ring_10k and ring_100k for GenServer nodes (event mode). */
    static void genServers(Kernel kernel) throws InterruptedException {
        run(kernel, "", RingNode::startGenServerRing);
    }

    /** Reports ring_10k_plain and ring_100k_plain for plain virtual-thread nodes. */
    static void plain(Kernel kernel) throws InterruptedException {
        run(kernel, "_plain", RingNode::spawnPlainRing);
    }

    private static void run(Kernel kernel, String suffix, BiFunction<Kernel, Integer, Pid[]> ringFactory)
            throws InterruptedException {
        ring(kernel, "ring_10k" + suffix, ringFactory.apply(kernel, 10_000));
        ring(kernel, "ring_100k" + suffix, ringFactory.apply(kernel, 100_000));
    }

    private static void ring(Kernel kernel, String figure, Pid[] nodes) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);

        long start = System.nanoTime();
        kernel.send(nodes[0], new RingNode.Token(HOPS, done));
        done.await();
        long elapsed = System.nanoTime() - start;
        Figures.report(figure, Figures.rate(HOPS, elapsed), "hops/s");

        for (Pid node : nodes) {
            kernel.exit(node, ExitReason.KILL);
        }
    }
}
