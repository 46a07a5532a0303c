package dev.tern.hotload;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a module's processes through the kernel's parent links. Roots are serial numbers, not
 * pids: a pid of an ended process still refers to its last callbacks and would keep an old
 * module version loaded.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Returns the live processes whose serial is in {@code roots} or whose chain of parents
     * reaches one, by serial number. A chain through a process that already ended and is not a
     * root is not followed, because the kernel keeps no information about ended processes.
     */
    static List<Pid> collect(Kernel kernel, Set<Long> roots) {
        Map<Long, List<Pid>> children = new HashMap<>();
        List<Pid> liveRoots = new ArrayList<>();
        for (Pid pid : kernel.processes()) {
            ProcessInfo info = kernel.info(pid).orElse(null);
            if (info == null) {
                continue;
            }
            if (roots.contains(pid.serial())) {
                liveRoots.add(pid);
            }
            if (info.parent() != null) {
                children.computeIfAbsent(info.parent().serial(), serial -> new ArrayList<>()).add(pid);
            }
        }
        Set<Pid> found = new LinkedHashSet<>(liveRoots);
        ArrayDeque<Long> pending = new ArrayDeque<>(roots);
        Set<Long> visited = new java.util.HashSet<>();
        while (!pending.isEmpty()) {
            long serial = pending.poll();
            if (!visited.add(serial)) {
                continue;
            }
            for (Pid child : children.getOrDefault(serial, List.of())) {
                found.add(child);
                pending.add(child.serial());
            }
        }
        List<Pid> sorted = new ArrayList<>(found);
        sorted.sort(null);
        return sorted;
    }
}
