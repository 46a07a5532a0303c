package dev.tern.hotload.management;

import java.util.List;

/** One installed module, as {@code tern:type=Module,name=<name>}. */
public interface ModuleMXBean {

    String getName();

    String getVersion();

    String getState();

    /** Returns the live registrations, as their descriptions. */
    List<String> getRegistrations();

    /** Returns the module's live processes as {@code <0.N.0>}. */
    List<String> getProcesses();

    int getTimers();

    int getThreads();

    /** Returns the versions {@code rollback} can return to, newest first. */
    List<String> getPreviousVersions();

    /** Returns the last failure of an operation on the module, or null. */
    String getLastError();

    /** Returns when the running version started or took over, as ISO-8601, or null. */
    String getStartedAt();
}
