package dev.tern.kernel;

import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of a kernel's timers on one binary heap. With the {@link Clock#SYSTEM} clock a single
 * daemon thread sleeps until the earliest deadline; with a {@link ManualClock} no thread runs
 * and timers fire inside {@link ManualClock#advance}. Actions run on the firing thread and must
 * be short and non-blocking: the kernel's actions only enqueue a message.
 *
 * <p>Each timer knows its heap position, so a cancel takes it out in O(log n). That matters
 * because most timers are cancelled: every call arms a timeout, and every session re-arms
 * its idle timeout on each stanza.
 */
final class TimerService {

    private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;

    // Guarded by lock.
    private TimerRef[] heap = new TimerRef[64];
    private int size;
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
            TimerRef ref = new TimerRef(this, deadline, sequence++, action);
            add(ref);
            if (heap[0] == ref) {
                changed.signal();
            }
            return ref;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a cancelled timer off the heap; a no-op when it already fired. */
    void remove(TimerRef ref) {
        lock.lock();
        try {
            int index = ref.heapIndex;
            if (index >= 0) {
                removeAt(index);
            }
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
                due = size == 0 ? null : heap[0];
                if (due == null || due.deadline > clock.nanoTime()) {
                    return;
                }
                removeAt(0);
            } finally {
                lock.unlock();
            }
            fire(due);
        }
    }

    int pending() {
        lock.lock();
        try {
            return size;
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
        if (!ref.claim()) {
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
                long wait = size == 0 ? Long.MAX_VALUE : heap[0].deadline - clock.nanoTime();
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

    // ---------------------------------------------------------------- the heap

    private void add(TimerRef ref) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = ref;
        ref.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    private void removeAt(int index) {
        TimerRef removed = heap[index];
        size--;
        TimerRef last = heap[size];
        heap[size] = null;
        removed.heapIndex = -1;
        if (index == size) {
            return;
        }
        heap[index] = last;
        last.heapIndex = index;
        siftDown(index);
        if (heap[index] == last) {
            siftUp(index);
        }
        // Give memory back after a burst of timers, but not on every small swing.
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    private void siftUp(int index) {
        TimerRef moving = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!earlier(moving, heap[parent])) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(moving, index);
    }

    private void siftDown(int index) {
        TimerRef moving = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && earlier(heap[right], heap[child])) {
                child = right;
            }
            if (!earlier(heap[child], moving)) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(moving, index);
    }

    private void place(TimerRef ref, int index) {
        heap[index] = ref;
        ref.heapIndex = index;
    }

    private static boolean earlier(TimerRef a, TimerRef b) {
        return a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence;
    }
}
