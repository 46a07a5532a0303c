package dev.tern.kernel;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the turns of event processes on a few platform threads, as Erlang's schedulers do.
 *
 * <p>An idle worker spins for {@link #SPIN_NANOS} before it parks, because waking a parked
 * thread costs tens of microseconds on a virtual machine while a message round trip between
 * two processes takes about one. Erlang's schedulers busy-wait for the same reason. A task
 * submitted while a worker spins needs no wake-up at all.
 *
 * <p>A turn may block (a GenServer calling another process). The blocking code reports it
 * through {@link #blocking}, and the scheduler starts a spare worker when fewer than
 * {@code parallelism} workers are left to run turns, so blocked callers cannot starve the
 * processes they wait for. Spare workers end after a second without work.
 */
final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** How long an idle worker looks for work before it parks. */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /** How long a spare worker stays without work before it ends. */
    private static final long SPARE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final int parallelism;
    private final int maxSpinning;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Worker> parked = new ConcurrentLinkedDeque<>();
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger blocked = new AtomicInteger();
    private final AtomicInteger serial = new AtomicInteger();
    private volatile boolean shutdown;

    Scheduler(String name, int parallelism) {
        this.name = name;
        this.parallelism = parallelism;
        this.maxSpinning = Math.max(1, parallelism / 2);
        for (int i = 0; i < parallelism; i++) {
            startWorker(false);
        }
    }

    /** Queues a turn; wakes a parked worker unless one is spinning and will find it. */
    void execute(Runnable task) {
        queue.offer(task);
        if (spinning.get() == 0) {
            wakeOne();
        }
    }

    /**
     * Runs {@code waiting} (which blocks the calling thread) while the scheduler keeps
     * {@code parallelism} workers free for turns; for threads that are no worker it just runs it.
     */
    void blocking(Runnable waiting) {
        if (!(Thread.currentThread() instanceof Worker worker) || worker.scheduler != this) {
            waiting.run();
            return;
        }
        int stillRunning = workers.get() - blocked.incrementAndGet();
        if (stillRunning < parallelism) {
            startWorker(true);
        }
        try {
            waiting.run();
        } finally {
            blocked.decrementAndGet();
        }
    }

    /** True when the calling thread is one of this scheduler's workers. */
    boolean isWorkerThread() {
        return Thread.currentThread() instanceof Worker worker && worker.scheduler == this;
    }

    void shutdown() {
        shutdown = true;
        for (Worker worker : parked) {
            LockSupport.unpark(worker);
        }
    }

    private void wakeOne() {
        Worker worker = parked.pollFirst();
        if (worker != null) {
            LockSupport.unpark(worker);
        }
    }

    private void startWorker(boolean spare) {
        workers.incrementAndGet();
        Worker worker = new Worker(this, name + "-scheduler-" + serial.getAndIncrement(), spare);
        worker.start();
    }

    /** One scheduler thread. */
    private static final class Worker extends Thread {
        private final Scheduler scheduler;
        private final boolean spare;

        Worker(Scheduler scheduler, String name, boolean spare) {
            super(name);
            this.scheduler = scheduler;
            this.spare = spare;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                loop();
            } finally {
                scheduler.workers.decrementAndGet();
            }
        }

        private void loop() {
            Scheduler owner = scheduler;
            while (!owner.shutdown) {
                Runnable task = owner.queue.poll();
                if (task == null) {
                    task = spin(owner);
                }
                if (task != null) {
                    // Pass a backlog on: tasks queued while this worker spun woke nobody.
                    if (owner.spinning.get() == 0 && !owner.queue.isEmpty()) {
                        owner.wakeOne();
                    }
                    runTask(task);
                    continue;
                }
                if (!park(owner)) {
                    return;
                }
            }
        }

        private static Runnable spin(Scheduler owner) {
            // At most half the workers spin at once, and at least one: more spinners than
            // that would take the cores away from the threads doing the work.
            if (owner.spinning.incrementAndGet() > owner.maxSpinning) {
                owner.spinning.decrementAndGet();
                return owner.queue.poll();
            }
            try {
                long deadline = System.nanoTime() + SPIN_NANOS;
                Runnable task;
                while ((task = owner.queue.poll()) == null && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return task;
            } finally {
                owner.spinning.decrementAndGet();
            }
        }

        /** Parks until woken; returns false when this spare worker should end. */
        private boolean park(Scheduler owner) {
            owner.parked.addFirst(this);
            // Recheck after announcing ourselves: a task offered before the announcement saw
            // no parked worker to wake, so this worker must take it.
            if (!owner.queue.isEmpty() || owner.shutdown) {
                owner.parked.remove(this);
                return true;
            }
            if (spare) {
                LockSupport.parkNanos(owner, SPARE_IDLE_NANOS);
                boolean stillParked = owner.parked.remove(this);
                boolean surplus = owner.workers.get() - owner.blocked.get() > owner.parallelism;
                return !(stillParked && surplus);
            }
            LockSupport.park(owner);
            owner.parked.remove(this);
            return true;
        }

        private static void runTask(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // A process turn catches its own failures; anything here is a kernel bug.
                LOG.error("Scheduler task failed", e);
            }
        }
    }
}
