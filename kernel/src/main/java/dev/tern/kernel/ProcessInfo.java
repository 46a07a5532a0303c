package dev.tern.kernel;

import java.util.List;

/**
 * A snapshot of one process for introspection (the console and JMX show exactly this).
 *
 * @param name          the registered name, or null
 * @param mailboxLength messages waiting, including ones a selective receive set aside
 * @param links         processes linked to this one
 * @param monitors      processes this one monitors
 * @param monitoredBy   processes that monitor this one
 * @param behaviour     the callback class of a behaviour, or the body class of a plain process
 * @param handled       messages handled so far
 * @param parent        the process that spawned this one, or null when spawned from outside
 * @param children      for a supervisor, its children in start order; empty otherwise
 * @param exitReason    why the process ended, or null while it runs
 */
public record ProcessInfo(
        Pid pid,
        String name,
        Status status,
        int mailboxLength,
        List<Pid> links,
        List<Pid> monitors,
        List<Pid> monitoredBy,
        String behaviour,
        long handled,
        boolean trapExit,
        Pid parent,
        List<Pid> children,
        ExitReason exitReason) {

    /** What a process is doing. */
    public enum Status {
        /** Scheduled or executing code. */
        RUNNING,
        /** Idle until a message arrives. */
        WAITING,
        /** Suspended by {@code sys}: only system messages are handled. */
        SUSPENDED,
        /** Ended; the snapshot was taken after its exit. */
        EXITED
    }
}
