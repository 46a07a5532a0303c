package dev.tern.hotload.management;

import dev.tern.hotload.ModuleInfo;
import java.util.List;

/**
 * A module as the management plane shows it: open types only, so JMX clients without Tern's
 * classes and Jolokia's JSON can read it. Times are ISO-8601 strings, pids print as {@code <0.N.0>}.
 */
public record ModuleView(
        String name,
        String version,
        String state,
        String startedAt,
        List<String> registrations,
        List<String> processes,
        int timers,
        int threads,
        List<String> mbeans,
        List<String> previousVersions,
        String lastError) {

    static ModuleView of(ModuleInfo info) {
        return new ModuleView(info.name(), info.version(), info.state().name(),
                info.startedAt() == null ? null : info.startedAt().toString(),
                info.registrations(),
                info.processes().stream().map(Object::toString).toList(),
                info.timers(), info.threads(), info.mbeans(), info.previousVersions(), info.lastError());
    }
}
