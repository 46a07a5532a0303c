package dev.tern.hotload;

import dev.tern.kernel.Down;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.MonitorRef;
import dev.tern.kernel.Pid;
import dev.tern.kernel.ProcessContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends processes and waits until they have ended, as a supervisor's shutdown does: an exit
 * signal {@code shutdown}, then {@code kill} for those still alive after the timeout. A
 * helper process does the monitoring, since only processes can monitor.
 */
final class ProcessTermination {

    private ProcessTermination() {
    }

    /** Ends {@code pids} and returns the ones still alive afterwards (normally none). */
    static List<Pid> terminate(Kernel kernel, Collection<Pid> pids, Duration timeout) {
        List<Pid> alive = pids.stream().filter(kernel::isAlive).toList();
        if (alive.isEmpty()) {
            return List.of();
        }
        CompletableFuture<List<Pid>> done = new CompletableFuture<>();
        Pid helper = kernel.spawn(self -> {
            try {
                done.complete(endAll(self, alive, timeout));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        List<Pid> survivors;
        try {
            survivors = done.get(timeout.multipliedBy(2).plusSeconds(1).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return alive.stream().filter(kernel::isAlive).toList();
        } catch (ExecutionException | TimeoutException e) {
            return alive.stream().filter(kernel::isAlive).toList();
        }
        awaitEnd(kernel, helper, timeout);
        return survivors;
    }

    // The helper has completed the future and is returning. Waiting the moment until the kernel
    // has removed it means callers that compare process lists see none of hotload's own.
    private static void awaitEnd(Kernel kernel, Pid helper, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (kernel.isAlive(helper) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static List<Pid> endAll(ProcessContext self, List<Pid> pids, Duration timeout) {
        Kernel kernel = self.kernel();
        Map<MonitorRef, Pid> pending = new HashMap<>();
        for (Pid pid : pids) {
            pending.put(self.monitor(pid), pid);
        }
        pending.values().forEach(pid -> kernel.exit(pid, ExitReason.SHUTDOWN));
        awaitDowns(self, pending, timeout);
        if (!pending.isEmpty()) {
            pending.values().forEach(pid -> kernel.exit(pid, ExitReason.KILL));
            awaitDowns(self, pending, timeout);
        }
        return new ArrayList<>(pending.values());
    }

    private static void awaitDowns(ProcessContext self, Map<MonitorRef, Pid> pending, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            Down down = self.receive(Down.class, Duration.ofNanos(remaining));
            if (down == null) {
                return;
            }
            pending.remove(down.ref());
        }
    }
}
