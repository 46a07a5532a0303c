package dev.tern.kernel;

/**
 * Whoever learns of a monitored process's end: a process (which gets a {@link Down} message)
 * or a kernel-internal waiter such as a pending call.
 */
interface Watcher {

    /** Delivers the end of the monitored process; must not block. */
    void down(MonitorRef ref, Pid pid, ExitReason reason);
}
