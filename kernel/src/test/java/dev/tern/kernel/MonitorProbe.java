package dev.tern.kernel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain process that monitors one target and hands the {@link Down} to the test thread:
 * the way a test learns how a process ended without polling.
 */
final class MonitorProbe {

    private final BlockingQueue<Down> downs = new LinkedBlockingQueue<>();

    private MonitorProbe() {
    }

    /** Starts watching {@code target}; the monitor is in place when this returns. */
    static MonitorProbe watch(Kernel kernel, Pid target) throws InterruptedException {
        MonitorProbe probe = new MonitorProbe();
        CountDownLatch monitoring = new CountDownLatch(1);
        kernel.spawn(self -> {
            self.monitor(target);
            monitoring.countDown();
            probe.downs.put(self.receive(Down.class, null));
        });
        if (!monitoring.await(Await.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Probe did not start monitoring " + target + " within " + Await.LIMIT);
        }
        return probe;
    }

    /** Returns the target's Down message once it has ended. */
    Down awaitDown() throws InterruptedException {
        return Await.take(downs);
    }

    /** Returns the reason the target ended with. */
    ExitReason awaitReason() throws InterruptedException {
        return awaitDown().reason();
    }
}
