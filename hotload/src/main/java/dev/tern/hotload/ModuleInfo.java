package dev.tern.hotload;

import dev.tern.kernel.Pid;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one installed module.
 *
 * @param startedAt        when the running version started or took over, or null when not running
 * @param registrations    the live registrations, as their {@code toString}
 * @param processes        the module's live processes: its supervisor, servers, plain processes and their descendants
 * @param timers           pending timers
 * @param threads          threads started through the context that are still alive
 * @param mbeans           object names of the module's own MBeans
 * @param previousVersions versions replaced by upgrades, newest first; {@code rollback} returns to the first
 * @param lastError        the last failure of an operation on this module, or null
 */
public record ModuleInfo(
        String name,
        String version,
        ModuleState state,
        Instant startedAt,
        List<String> registrations,
        List<Pid> processes,
        int timers,
        int threads,
        List<String> mbeans,
        List<String> previousVersions,
        String lastError) {

    public ModuleInfo {
        registrations = List.copyOf(registrations);
        processes = List.copyOf(processes);
        mbeans = List.copyOf(mbeans);
        previousVersions = List.copyOf(previousVersions);
    }
}
