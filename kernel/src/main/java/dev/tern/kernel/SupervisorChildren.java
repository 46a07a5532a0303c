package dev.tern.kernel;

import java.util.List;

/** Lets introspection list a supervisor's children without asking the supervisor process. */
interface SupervisorChildren {

    /** Returns the pids of the running children in start order. */
    List<Pid> childPids();
}
