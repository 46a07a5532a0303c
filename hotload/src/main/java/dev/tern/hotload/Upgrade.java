package dev.tern.hotload;

import dev.tern.hotload.api.MigratableServer;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Pid;
import dev.tern.kernel.Sys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgrade of a running module, as OTP's release handler does it:
 *
 * <ol>
 * <li>load and verify the new version, hand it the old entry's exported state, and start it
 *     against a staging context (servers it declares under the old ids become takeovers);
 * <li>close the module's dispatch gate and suspend the servers to take over;
 * <li>change each one's code to the new callbacks, converting its state;
 * <li>switch registrations and MBeans from the old context to the new one;
 * <li>resume the servers and open the gate, then stop what only the old version used.
 * </ol>
 *
 * A failure before the last step undoes the steps done so far in reverse: servers already
 * changed are changed back with their old state, the old registrations return, and the old
 * version keeps running. Nothing of the new version is left behind.
 */
final class Upgrade<R> {

    private static final Logger LOG = LoggerFactory.getLogger(Upgrade.class);

    /** A suspended server, and what to restore if the upgrade fails after its code change. */
    private static final class Migration {
        final String id;
        final Pid pid;
        final GenServer<?> oldCallbacks;
        final GenServer<?> newCallbacks;
        boolean changed;
        boolean stateKnown;
        Object savedState;

        Migration(String id, Pid pid, GenServer<?> oldCallbacks, GenServer<?> newCallbacks) {
            this.id = id;
            this.pid = pid;
            this.oldCallbacks = oldCallbacks;
            this.newCallbacks = newCallbacks;
        }
    }

    private final ModuleManager<R> manager;
    private final ModuleRecord<R> record;
    private final LoadedVersion old;
    private final ModuleContextImpl<R> oldContext;
    private final String from;
    private final String to;
    private final List<Migration> migrations = new ArrayList<>();

    Upgrade(ModuleManager<R> manager, ModuleRecord<R> record, String to) {
        this.manager = manager;
        this.record = record;
        this.old = record.version;
        this.oldContext = record.context;
        this.from = old.version();
        this.to = to;
    }

    /**
     * Runs the upgrade; on return the new version serves.
     *
     * @return problems met while stopping what only the old version used; the upgrade is not undone for them
     * @throws ModuleException when the upgrade failed and was undone; the old version runs
     */
    List<String> run() {
        LoadedVersion next = manager.load(record.name, to);
        try {
            manager.checkUpgradeDependencies(record.name, next.descriptor());
        } catch (RuntimeException e) {
            next.close();
            throw failed("", e);
        }
        ModuleContextImpl<R> fresh;
        try {
            fresh = stage(next);
        } catch (Exception e) {
            next.close();
            throw failed("while starting " + to, e);
        }

        try {
            switchOver(fresh);
        } catch (Exception e) {
            List<String> problems = fresh.discard();
            next.close();
            ModuleException failure = failed("", e);
            problems.forEach(problem -> failure.addSuppressed(new IllegalStateException(problem)));
            throw failure;
        }

        manager.notifyPhase(record.name, from, to, UpgradePhase.RESUMED, false);
        Set<String> kept = new HashSet<>(fresh.serverIds());
        List<String> problems = oldContext.retire(kept);
        fresh.startDeferred();
        record.version = next;
        record.context = fresh;
        record.startedAt = Instant.now();
        old.close();
        return problems;
    }

    private ModuleContextImpl<R> stage(LoadedVersion next) throws Exception {
        Map<String, Object> moduleState = manager.binding().exportState(old);
        manager.host().sharedTypes().requireShared(moduleState, "The state exported by the entry of module '"
                + record.name + "' version " + from);
        manager.binding().importState(next, from, moduleState);

        ModuleContextImpl<R> fresh = new ModuleContextImpl<>(manager.host(), record.name, to, from, next.options,
                next.classLoader(), record.processes, oldContext.serverIds());
        try {
            manager.binding().start(next, fresh);
            manager.notifyPhase(record.name, from, to, UpgradePhase.STAGED, true);
        } catch (Exception | Error e) {
            fresh.discard();
            throw e;
        }
        return fresh;
    }

    private void switchOver(ModuleContextImpl<R> fresh) throws Exception {
        for (ModuleContextImpl.Takeover takeover : fresh.takeovers()) {
            ServerSlot slot = record.processes.slot(takeover.id());
            Pid pid = record.processes.pid(takeover.id()).orElseThrow(() -> new IllegalStateException("Server '"
                    + takeover.id() + "' is not running; its supervisor is restarting it or gave up"));
            migrations.add(new Migration(takeover.id(), pid, slot.callbacks, takeover.callbacks()));
        }

        manager.gate().close(record.name, manager.switchTimeout());
        RegistrationSink<R> sink = manager.host().sink();
        List<Migration> suspended = new ArrayList<>();
        boolean switchedOut = false;
        boolean live = false;
        boolean switching = false;
        try {
            for (Migration migration : migrations) {
                Sys.suspend(manager.host().kernel(), migration.pid);
                suspended.add(migration);
            }
            manager.notifyPhase(record.name, from, to, UpgradePhase.SUSPENDED, true);

            for (Migration migration : migrations) {
                changeCode(migration);
            }
            manager.notifyPhase(record.name, from, to, UpgradePhase.CODE_CHANGED, true);

            sink.beginSwitch(record.name);
            switching = true;
            oldContext.switchOut();
            switchedOut = true;
            fresh.goLive();
            live = true;
            for (Migration migration : migrations) {
                record.processes.slot(migration.id).callbacks = migration.newCallbacks;
            }
            switching = false;
            sink.endSwitch(record.name);
            manager.notifyPhase(record.name, from, to, UpgradePhase.SWITCHED, true);
        } catch (Exception | Error e) {
            undoInOneSwitch(sink, fresh, switchedOut, live, switching, e);
            resume(suspended);
            manager.gate().open(record.name);
            throw e;
        }
        resume(suspended);
        manager.gate().open(record.name);
    }

    private void changeCode(Migration migration) {
        UpgradeChange change = new UpgradeChange(record.name, migration.id, from, to, migration.oldCallbacks,
                manager.host().sharedTypes());
        if (!(migration.newCallbacks instanceof MigratableServer<?>)) {
            // The state passes to the new code unchanged, so it must be readable there; keep it for a rollback.
            Object state = Sys.getState(manager.host().kernel(), migration.pid);
            manager.host().sharedTypes().requireShared(state, "The state of server '" + migration.id + "' of module '"
                    + record.name + "' version " + from + ", which version " + to + " takes over without a MigratableServer,");
            migration.savedState = state;
            migration.stateKnown = true;
        }
        Sys.changeCode(manager.host().kernel(), migration.pid, migration.newCallbacks, from, change);
        migration.changed = true;
        if (change.oldStateRead()) {
            migration.savedState = change.oldState();
            migration.stateKnown = true;
        }
    }

    /**
     * Undoes the switch inside one bracket of the sink, so the old registrations come back in one
     * step as well; {@code switching} is true when the failed switch left its bracket open.
     */
    private void undoInOneSwitch(RegistrationSink<R> sink, ModuleContextImpl<R> fresh, boolean switchedOut,
            boolean live, boolean switching, Throwable cause) {
        boolean bracket = switching;
        try {
            if (!bracket && switchedOut) {
                sink.beginSwitch(record.name);
                bracket = true;
            }
            undoSwitch(fresh, switchedOut, live, cause);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        } finally {
            if (bracket) {
                try {
                    sink.endSwitch(record.name);
                } catch (RuntimeException e) {
                    cause.addSuppressed(e);
                    LOG.atError().addKeyValue("module", record.name).setCause(e)
                            .log("Publishing the restored registrations of module '{}' version '{}' failed",
                                    record.name, from);
                }
            }
        }
    }

    private void undoSwitch(ModuleContextImpl<R> fresh, boolean switchedOut, boolean live, Throwable cause) {
        for (Migration migration : migrations) {
            ServerSlot slot = record.processes.slot(migration.id);
            if (slot != null) {
                slot.callbacks = migration.oldCallbacks;
            }
        }
        if (live) {
            fresh.switchOut();
        }
        if (switchedOut) {
            try {
                oldContext.restore();
            } catch (Exception | Error e) {
                cause.addSuppressed(e);
                LOG.atError().addKeyValue("module", record.name).setCause(e)
                        .log("Restoring the registrations of module '{}' version '{}' failed", record.name, from);
            }
        }
        for (int i = migrations.size() - 1; i >= 0; i--) {
            Migration migration = migrations.get(i);
            if (migration.changed) {
                changeBack(migration, cause);
            }
        }
    }

    /** Returns a server to its old callbacks and, when known, to the exact state it had before. */
    private void changeBack(Migration migration, Throwable cause) {
        try {
            if (migration.stateKnown) {
                Sys.changeCode(manager.host().kernel(), migration.pid,
                        new RestoringServer(migration.oldCallbacks, migration.savedState), to, null);
            }
            Sys.changeCode(manager.host().kernel(), migration.pid, migration.oldCallbacks, to,
                    new RollbackChange(record.name, migration.id, to, from, migration.stateKnown, migration.savedState));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.atError().addKeyValue("module", record.name).addKeyValue("server", migration.id).setCause(e)
                    .log("Changing server '{}' ({}) of module '{}' back from '{}' to '{}' failed", migration.id,
                            migration.pid, record.name, to, from);
        }
    }

    private void resume(List<Migration> suspended) {
        for (Migration migration : suspended) {
            try {
                Sys.resume(manager.host().kernel(), migration.pid);
            } catch (RuntimeException e) {
                LOG.atError().addKeyValue("module", record.name).addKeyValue("server", migration.id).setCause(e)
                        .log("Resuming server '{}' ({}) of module '{}' failed", migration.id, migration.pid, record.name);
            }
        }
    }

    private ModuleException failed(String step, Throwable cause) {
        String where = step.isEmpty() ? "" : " " + step;
        return new ModuleException("Upgrade of module '" + record.name + "' from " + from + " to " + to + " failed" + where
                + ": " + describe(cause) + ". Version " + from + " keeps running with its state", cause);
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
        for (Throwable inner = cause.getCause(); inner != null && inner != inner.getCause(); inner = inner.getCause()) {
            if (inner.getMessage() != null && !text.toString().contains(inner.getMessage())) {
                text.append(": ").append(inner.getMessage());
            }
        }
        return text.toString();
    }
}
