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
}
