package dev.tern.hotload;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Holds a module's requests back while an upgrade switches its registrations. The host wraps
 * each dispatch to a module's registration (look it up, then invoke it) in
 * {@link #enter}; many dispatches pass at once, and during a switch new ones wait and then
 * find the new version's registrations. None is dropped or gets an error.
 *
 * <p>The switch waits for dispatches already inside to leave, so a dispatch must not wait for
 * something that needs the upgrade to finish first. Calls into the module's processes are
 * fine: they are suspended only after the gate has closed.
 */
public final class DispatchGate {

    private final ConcurrentHashMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    /** A dispatch inside the gate; closing it lets a waiting switch proceed. */
    @FunctionalInterface
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Enters the gate of {@code module}, waiting while its registrations switch. Re-entering
     * from a thread already inside does not wait, even while a switch waits to close the gate,
     * because a non-fair {@link ReentrantReadWriteLock} grants a held read lock again.
     *
     * <p>The wait goes through {@link ForkJoinPool#managedBlock}: on a worker of a fork-join
     * pool, such as the kernel's scheduler, the pool starts a spare worker meanwhile, so the
     * module's processes can still run the code change the switch waits for.
     */
    public Pass enter(String module) {
        ReentrantReadWriteLock.ReadLock read = lock(module).readLock();
        try {
            ForkJoinPool.managedBlock(new Entry(read));
        } catch (InterruptedException e) {
            // Entry.block does not throw it; keep the flag for the caller and enter anyway.
            Thread.currentThread().interrupt();
            read.lock();
        }
        return read::unlock;
    }

    /** Takes the read lock, first without waiting and then, if need be, as a managed block. */
    private static final class Entry implements ForkJoinPool.ManagedBlocker {

        private final ReentrantReadWriteLock.ReadLock read;
        private boolean acquired;

        Entry(ReentrantReadWriteLock.ReadLock read) {
            this.read = read;
        }

        @Override
        public boolean isReleasable() {
            if (!acquired) {
                // The timed form with no wait does not overtake a switch already queued, unlike tryLock().
                try {
                    acquired = read.tryLock(0, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return acquired;
        }

        @Override
        public boolean block() {
            if (!acquired) {
                read.lock();
                acquired = true;
            }
            return true;
        }
    }

    /** Returns how many dispatches wait at the gate of {@code module} right now. */
    public int waiting(String module) {
        ReentrantReadWriteLock lock = locks.get(module);
        return lock == null ? 0 : lock.getQueueLength();
    }

    /**
     * Closes the gate of {@code module} for a switch, once the dispatches inside have left.
     *
     * @throws ModuleException when they do not leave within {@code timeout}, or when the
     *                         calling thread is itself inside the gate (it would wait for itself)
     */
    void close(String module, Duration timeout) {
        ReentrantReadWriteLock lock = lock(module);
        if (lock.getReadHoldCount() > 0) {
            throw new ModuleException("Thread '" + Thread.currentThread().getName() + "' is dispatching to module '"
                    + module + "' and cannot switch it; run the upgrade from another thread");
        }
        boolean closed;
        try {
            closed = lock.writeLock().tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleException("Interrupted while waiting for dispatches to module '" + module + "' to finish", e);
        }
        if (!closed) {
            throw new ModuleException("Dispatches to module '" + module + "' did not finish within " + timeout
                    + "; retry the upgrade when the module is less busy");
        }
    }

    /** Opens the gate closed by {@link #close}; called by the thread that closed it. */
    void open(String module) {
        lock(module).writeLock().unlock();
    }

    private ReentrantReadWriteLock lock(String module) {
        return locks.computeIfAbsent(module, name -> new ReentrantReadWriteLock());
    }
}
