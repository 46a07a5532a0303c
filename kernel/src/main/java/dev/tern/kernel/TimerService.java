package dev.tern.kernel;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of a kernel's timers on one heap. With the {@link Clock#SYSTEM} clock a single daemon
 * thread sleeps until the earliest deadline; with a {@link ManualClock} no thread runs and
 * timers fire inside {@link ManualClock#advance}. Actions run on the firing thread and must
 * be short and non-blocking: the kernel's actions only enqueue a message.
 */
final class TimerService {

    private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<TimerRef> heap = new PriorityQueue<>((a, b) -> {
        int byDeadline = Long.compare(a.deadline, b.deadline);
        return byDeadline != 0 ? byDeadline : Long.compare(a.sequence, b.sequence);
    });
    private final Thread thread;
    private long sequence;
    private volatile boolean stopped;

    TimerService(Clock clock, String name) {
        this.clock = clock;
        if (clock instanceof ManualClock manual) {
            manual.attach(this);
            this.thread = null;
        } else {
            this.thread = Thread.ofPlatform().daemon().name(name).start(this::runLoop);
        }
    }

    TimerRef schedule(long delayNanos, Runnable action) {
        lock.lock();
        try {
            long deadline = clock.nanoTime() + Math.max(0, delayNanos);
            TimerRef ref = new TimerRef(deadline, sequence++, action);
            heap.add(ref);
            if (heap.peek() == ref) {
                changed.signal();
            }
            return ref;
        } finally {
            lock.unlock();
        }
    }

    /** Fires every timer whose deadline has passed; used by the loop and by ManualClock. */
    void fireDue() {
        while (true) {
            TimerRef due;
            lock.lock();
            try {
                due = heap.peek();
                if (due == null || due.deadline > clock.nanoTime()) {
                    return;
                }
                heap.poll();
            } finally {
                lock.unlock();
            }
            fire(due);
        }
    }

    int pending() {
        lock.lock();
        try {
            return heap.size();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        stopped = true;
        if (thread != null) {
            lock.lock();
            try {
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void fire(TimerRef ref) {
        if (!ref.cancel()) {
            return;
        }
        try {
            ref.action.run();
        } catch (RuntimeException e) {
            LOG.error("Timer action failed", e);
        }
    }

    private void runLoop() {
        while (!stopped) {
            lock.lock();
            try {
                TimerRef next = heap.peek();
                // Drop cancelled timers at the head so they do not hold the thread awake.
                while (next != null && next.isCancelled()) {
                    heap.poll();
                    next = heap.peek();
                }
                long wait = next == null ? Long.MAX_VALUE : next.deadline - clock.nanoTime();
                if (wait > 0) {
                    changed.awaitNanos(wait);
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            fireDue();
        }
    }
}
