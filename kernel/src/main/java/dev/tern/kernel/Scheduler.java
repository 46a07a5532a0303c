package dev.tern.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * Runs the turns of event processes on a fork-join pool with one worker per core, in FIFO
 * (async) mode so processes take turns in the order they became ready.
 *
 * <p>A turn may block (a GenServer calling another process). The blocking code reports it
 * through {@link #blocking}, which goes through {@link ForkJoinPool#managedBlock}, so the pool
 * starts a spare worker meanwhile and blocked callers cannot starve the processes they wait for.
 *
 * <p>A scheduler whose idle workers spin for 50 µs before parking, as Erlang's do, was tried
 * and measured against this pool on the 2-core benchmark machine: its call round-trip p99 was
 * about twice as high (85 to 92 µs against 37 to 43 µs, alternating runs, same load), because
 * the spinning threads took the cores from the threads doing the work. docs/BENCHMARKS.md has
 * the figures.
 */
final class Scheduler {

    private final ForkJoinPool pool;

    Scheduler(String name, int parallelism) {
        this.pool = new ForkJoinPool(parallelism, forkJoinPool -> {
            ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(forkJoinPool);
            worker.setName(name + "-scheduler-" + worker.getPoolIndex());
            worker.setDaemon(true);
            return worker;
        }, null, true);
    }

    /** Queues a turn. */
    void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * Runs {@code waiting}, which blocks the calling thread, while the pool keeps enough
     * workers free for turns; for threads that are no worker of this pool it just runs it.
     */
    void blocking(Runnable waiting) {
        if (!isWorkerThread()) {
            waiting.run();
            return;
        }
        try {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                private boolean done;

                @Override
                public boolean block() {
                    waiting.run();
                    done = true;
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return done;
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the calling thread is one of this scheduler's workers. */
    boolean isWorkerThread() {
        return Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == pool;
    }

    void shutdown() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
