package dev.tern.hotload;

import java.time.Instant;
import java.util.List;

/**
 * One installed module. The manager changes it under its operation lock; the volatile fields
 * let {@code list} read a consistent enough snapshot without that lock.
 */
final class ModuleRecord<R> {

    final String name;
    volatile LoadedVersion version;
    volatile ModuleState state = ModuleState.INSTALLED;
    volatile ModuleContextImpl<R> context;
    volatile ModuleProcesses processes;
    volatile Instant startedAt;
    volatile String lastError;

    /** Orders running modules by start, so they can stop in reverse; 0 when not running. */
    volatile long startSequence;

    /** Versions replaced by upgrades, newest first; replaced as a whole under the manager's operation lock. */
    volatile List<String> previousVersions = List.of();

    ModuleRecord(String name, LoadedVersion version) {
        this.name = name;
        this.version = version;
    }

    void pushPrevious(String version) {
        List<String> versions = new java.util.ArrayList<>(previousVersions);
        versions.addFirst(version);
        previousVersions = List.copyOf(versions);
    }

    void popPrevious() {
        previousVersions = List.copyOf(previousVersions.subList(1, previousVersions.size()));
    }

    boolean isRunning() {
        return context != null;
    }
}
