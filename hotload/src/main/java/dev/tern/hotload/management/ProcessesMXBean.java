package dev.tern.hotload.management;

import java.util.List;

/** The kernel's processes, as {@code tern:type=Processes}. */
public interface ProcessesMXBean {

    /** Returns the number of live processes. */
    int getCount();

    /** Returns every live process, by serial number. */
    List<ProcessView> list();

    /**
     * Returns the process with serial number {@code serial}, the N of {@code <0.N.0>}.
     *
     * @throws IllegalArgumentException when no live process has it
     */
    ProcessView info(long serial);

    /**
     * Sends the exit signal {@code reason} to the process with serial number {@code serial}, as
     * Erlang's {@code exit(Pid, Reason)} does. {@code kill} ends it unconditionally. Any other
     * reason, such as {@code shutdown}, reaches a process that traps exits as a message. A process
     * that does not trap exits ignores {@code normal} and ends on any other reason. Returns once
     * the signal is sent, not when the process has ended.
     *
     * @throws IllegalArgumentException when no live process has that serial number or the reason is empty
     */
    void kill(long serial, String reason);
}
