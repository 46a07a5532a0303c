package dev.tern.hotload;

import dev.tern.hotload.descriptor.ModuleDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders modules so each starts after the modules it depends on: hard dependencies
 * ({@code requires}) always, soft ones ({@code uses}) when installed at an accepted version.
 */
final class DependencyOrder {

    private enum Mark { VISITING, DONE }

    private DependencyOrder() {
    }

    /**
     * Returns every module of {@code installed} in a start order.
     *
     * @throws ModuleException naming each missing or mismatched hard dependency, or the
     *                         modules of a dependency cycle
     */
    static List<String> startOrder(Map<String, ModuleDescriptor> installed) {
        Map<String, ModuleDescriptor> sorted = new TreeMap<>(installed);
        List<String> missing = new ArrayList<>();
        sorted.values().forEach(descriptor -> descriptor.requires().forEach((dependency, range) -> {
            ModuleDescriptor target = installed.get(dependency);
            if (target == null) {
                missing.add("module '" + descriptor.name() + "' requires '" + dependency + "' " + range
                        + ", which is not installed");
            } else if (!range.includes(target.version())) {
                missing.add("module '" + descriptor.name() + "' requires '" + dependency + "' " + range + ", but version "
                        + target.version() + " is installed");
            }
        }));
        if (!missing.isEmpty()) {
            throw new ModuleException("Missing dependencies: " + String.join("; ", missing)
                    + ". Install the required versions first");
        }
        List<String> order = new ArrayList<>();
        Map<String, Mark> marks = new HashMap<>();
        for (String name : sorted.keySet()) {
            visit(name, sorted, marks, new ArrayList<>(), order);
        }
        return order;
    }

    private static void visit(String name, Map<String, ModuleDescriptor> installed, Map<String, Mark> marks,
            List<String> path, List<String> order) {
        Mark mark = marks.get(name);
        if (mark == Mark.DONE) {
            return;
        }
        path.add(name);
        if (mark == Mark.VISITING) {
            List<String> cycle = path.subList(path.indexOf(name), path.size());
            throw new ModuleException("Modules " + new TreeSet<>(cycle) + " depend on each other in a cycle: "
                    + String.join(" -> ", cycle) + "; remove one of these dependencies");
        }
        marks.put(name, Mark.VISITING);
        for (String dependency : dependencies(installed.get(name), installed)) {
            visit(dependency, installed, marks, path, order);
        }
        path.removeLast();
        marks.put(name, Mark.DONE);
        order.add(name);
    }

    /** Returns the installed modules {@code descriptor} must start after, sorted by name. */
    static List<String> dependencies(ModuleDescriptor descriptor, Map<String, ModuleDescriptor> installed) {
        TreeSet<String> names = new TreeSet<>(descriptor.requires().keySet());
        descriptor.uses().forEach((dependency, range) -> {
            ModuleDescriptor target = installed.get(dependency);
            if (target != null && range.includes(target.version())) {
                names.add(dependency);
            }
        });
        return new ArrayList<>(names);
    }
}
