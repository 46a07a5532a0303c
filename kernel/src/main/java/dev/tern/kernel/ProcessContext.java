package dev.tern.kernel;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * What a running process can do to itself: receive, link, monitor, trap exits, and exit.
 * Plain processes get it as the argument of their {@link ProcessBody}; behaviours reach it
 * through their callbacks. Each method must be called from the process's own thread.
 */
public interface ProcessContext {

    /** Returns this process's pid. */
    Pid self();

    /** Returns the kernel this process runs in. */
    Kernel kernel();

    /**
     * Returns the oldest message that matches {@code pattern}, waiting until one arrives or
     * {@code timeout} passes (then returns null). Messages that do not match stay in the
     * mailbox in their order. A zero timeout checks without waiting; a null timeout waits for
     * ever. Only plain processes may block here: behaviours get messages through callbacks.
     *
     * @throws ProcessExit when an exit signal ends the process meanwhile
     */
    Object receive(Predicate<Object> pattern, Duration timeout);

    /** Waits for ever for the oldest message of any kind. */
    default Object receive() {
        return receive(message -> true, null);
    }

    /** Returns the oldest message, or null when {@code timeout} passes first. */
    default Object receive(Duration timeout) {
        return receive(message -> true, timeout);
    }

    /** Returns the oldest message of type {@code type}, or null after {@code timeout}. */
    default <T> T receive(Class<T> type, Duration timeout) {
        return type.cast(receive(type::isInstance, timeout));
    }

    /**
     * Links this process to {@code other} in both directions. When {@code other} is already
     * dead, this process at once gets an exit signal with reason {@code noproc}.
     */
    void link(Pid other);

    /** Removes a link in both directions; no-op when there is none. */
    void unlink(Pid other);

    /**
     * Starts watching {@code target}: when it ends, this process gets a {@link Down} message.
     * A target already dead yields a {@code Down} with reason {@code noproc} at once.
     */
    MonitorRef monitor(Pid target);

    /**
     * Stops a monitor. With {@code flush}, also removes its {@link Down} message if it has
     * already arrived. Returns true when the monitor was still active.
     */
    boolean demonitor(MonitorRef ref, boolean flush);

    /** Sets whether exit signals arrive as {@link Exit} messages; returns the old value. */
    boolean trapExit(boolean trap);

    /**
     * Ends this process with {@code reason}. In a plain process it throws {@link ProcessExit};
     * in a behaviour's callback it takes effect when the callback returns.
     */
    void exit(ExitReason reason);
}
