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

    /** Turns a worker may hand off in a row before it queues the next one on the pool, for fairness. */
    static final int HANDOFF_LIMIT = 64;

    private final ForkJoinPool pool;

    Scheduler(String name, int parallelism) {
        this.pool = new ForkJoinPool(parallelism, forkJoinPool -> {
            Worker worker = new Worker(forkJoinPool, this);
            worker.setName(name + "-scheduler-" + worker.getPoolIndex());
            worker.setDaemon(true);
            return worker;
        }, null, true);
    }

    /**
     * A scheduler thread, with the one turn it runs next. A process that a turn makes runnable
     * goes to that slot rather than to the pool. A pool submission wakes an idle worker to
     * steal it, and that wake-up cost dominated passing a message along a chain of processes.
     * Erlang likewise runs a woken process on the scheduler that woke it.
     */
    static final class Worker extends ForkJoinWorkerThread {
        private final Scheduler scheduler;
        /** Nesting of turns on this thread; inline calls run a turn inside another. */
        int depth;
        ProcessCell next;
        /** Messages this thread delivered to already-runnable processes since its last hand-off. */
        int sendsSinceHandoff;

        Worker(ForkJoinPool pool, Scheduler scheduler) {
            super(null, pool, true);
            this.scheduler = scheduler;
        }
    }

    /** Queues a turn: in the calling worker's hand-off slot when it is inside a turn and the slot is free. */
    void execute(ProcessCell cell) {
        if (Thread.currentThread() instanceof Worker worker && worker.scheduler == this && worker.depth > 0
                && worker.next == null) {
            worker.next = cell;
            worker.sendsSinceHandoff = 0;
            return;
        }
        pool.execute(cell);
    }

    /**
     * Notes a message delivered to a process that was already runnable. A turn that keeps
     * feeding a process it handed off (a producer) makes that process wait for the whole turn;
     * past {@link #HANDOFF_LIMIT} such messages the process goes to the pool instead, where an
     * idle worker takes it and consumes while the producer produces.
     */
    void noteSend() {
        if (Thread.currentThread() instanceof Worker worker && worker.next != null
                && ++worker.sendsSinceHandoff > HANDOFF_LIMIT && worker.scheduler == this) {
            flushHandoff();
        }
    }

    /** Returns the calling thread as a worker of this scheduler, or null. */
    Worker currentWorker() {
        return Thread.currentThread() instanceof Worker worker && worker.scheduler == this ? worker : null;
    }

    /** Moves a turn waiting in the calling worker's hand-off slot to the pool, before the worker blocks. */
    void flushHandoff() {
        Worker worker = currentWorker();
        if (worker != null && worker.next != null) {
            ProcessCell waiting = worker.next;
            worker.next = null;
            pool.execute(waiting);
        }
    }

    /** Runs the turns handed off to {@code worker}, up to {@link #HANDOFF_LIMIT}, then queues the rest. */
    void runHandoffs(Worker worker) {
        for (int count = 0; worker.next != null; count++) {
            ProcessCell cell = worker.next;
            worker.next = null;
            if (count == HANDOFF_LIMIT) {
                pool.execute(cell);
                return;
            }
            cell.turn();
        }
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
        // A handed-off turn must not wait behind a blocked one: the reply may depend on it.
        flushHandoff();
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
        return currentWorker() != null;
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
