package dev.tern.hotload.management;

import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessInfo;
import java.util.List;

/**
 * One process as the management plane shows it, from the kernel's {@link ProcessInfo}.
 *
 * @param module the module that owns the process, or null for the host's own processes
 */
public record ProcessView(
        long serial,
        String pid,
        String name,
        String status,
        int mailboxLength,
        String behaviour,
        long handled,
        boolean trapExit,
        String parent,
        List<String> links,
        List<String> monitors,
        List<String> monitoredBy,
        List<String> children,
        String module) {

    static ProcessView of(ProcessInfo info, String module) {
        return new ProcessView(info.pid().serial(), info.pid().toString(), info.name(), info.status().name(),
                info.mailboxLength(), info.behaviour(), info.handled(), info.trapExit(),
                info.parent() == null ? null : info.parent().toString(),
                names(info.links()), names(info.monitors()), names(info.monitoredBy()), names(info.children()), module);
    }

    private static List<String> names(List<Pid> pids) {
        return pids.stream().map(Pid::toString).toList();
    }
}
