package dev.tern.kernel.bench;

import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.ProcessContext;

/**
 * Spawns 1,000,000 processes that wait for a message, as the Erlang {@code spawn_rate}
 * workload does, and reports the spawn rate and the heap and RSS growth per process.
 *
 * <p>The headline GenServer variant starts each process with {@link GenServer#start}, which
 * returns after {@code init} has run, so each start does more than Erlang's {@code spawn/3},
 * which returns before the new process runs. The {@code _async} variant uses
 * {@link GenServer#spawn}, which returns at once and leaves init to a scheduler thread.
 */
final class SpawnWorkload {

    static final int PROCESSES = 1_000_000;

    /** Per-process state of a waiting server; one small object, as a session's would be. */
    record WaiterState(long startedAt) {
    }

    /** A server that only waits: the default callbacks ignore whatever it gets. */
    static final class Waiter implements GenServer<WaiterState> {
        @Override
        public Init<WaiterState> init(ProcessContext self, Object args) {
            return Init.ok(new WaiterState(System.nanoTime()));
        }
    }

    private SpawnWorkload() {
    }

    /** Reports spawn_rate, memory_per_process and rss_per_process for waiting GenServers. */
    static void genServers(Kernel kernel) throws Exception {
        Waiter waiter = new Waiter();
        measure(kernel, "", () -> GenServer.start(kernel, waiter, null));
    }

    /** Reports the same figures with an {@code _async} suffix for GenServers spawned without waiting for init. */
    static void genServersAsync(Kernel kernel) throws Exception {
        Waiter waiter = new Waiter();
        measure(kernel, "_async", () -> GenServer.spawn(kernel, waiter, null));
    }

    /** Reports the same figures with a {@code _plain} suffix for virtual-thread processes blocked in receive. */
    static void plain(Kernel kernel) throws Exception {
        measure(kernel, "_plain", () -> kernel.spawn(ProcessContext::receive));
    }

    private static void measure(Kernel kernel, String suffix, Runnable spawnOne) throws Exception {
        long heapBefore = Memory.heapUsedAfterGc();
        long rssBefore = Memory.rssBytes();

        // The pids are not kept, so the figures count only the processes and the kernel's
        // own bookkeeping of them.
        long start = System.nanoTime();
        for (int i = 0; i < PROCESSES; i++) {
            spawnOne.run();
        }
        long elapsed = System.nanoTime() - start;

        // Spawned servers run init as their first event: wait until the schedulers have run
        // every init, so the memory figures count initialised processes.
        awaitIdle(kernel);
        long heapAfter = Memory.heapUsedAfterGc();
        long rssAfter = Memory.rssBytes();
        if (kernel.processCount() < PROCESSES) {
            throw new IllegalStateException("Expected " + PROCESSES + " waiting processes, found "
                    + kernel.processCount() + "; some exited early");
        }
        Figures.report("spawn_rate" + suffix, Figures.rate(PROCESSES, elapsed), "spawns/s");
        Figures.report("memory_per_process" + suffix,
                Math.round((heapAfter - heapBefore) / (double) PROCESSES), "bytes");
        Figures.report("rss_per_process" + suffix, Math.round((rssAfter - rssBefore) / (double) PROCESSES), "bytes");
        Memory.printClassHistogramIfRequested("with " + PROCESSES + " waiting processes" + suffix);
    }

    /** Waits until one more server started behind all the spawned ones has run its init. */
    private static void awaitIdle(Kernel kernel) {
        // The scheduler's run queue is first in, first out, so this start's handshake
        // completes after every init queued before it has been taken up.
        GenServer.stop(kernel, GenServer.start(kernel, new Waiter(), null), dev.tern.kernel.ExitReason.NORMAL,
                java.time.Duration.ofSeconds(60));
    }
}
