package dev.tern.kernel.bench;

import dev.tern.kernel.Kernel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one kernel workload per JVM and prints {@code java <figure> <value> <unit>} lines with
 * the figure names of the Erlang reference (kernel/bench/erlang/tern_bench.erl), using the
 * same parameters. Workloads without a suffix use GenServers (event mode); those ending in
 * {@code _plain} use plain virtual-thread processes.
 *
 * <p>Usage: {@code java -cp tern-kernel-bench.jar dev.tern.kernel.bench.KernelBench WORKLOAD}.
 * Exits with status 1 when the workload fails or runs longer than 60 s, and 2 on bad usage.
 */
public final class KernelBench {

    static final long TIME_LIMIT_MILLIS = 60_000;

    @FunctionalInterface
    private interface Workload {
        void run(Kernel kernel) throws Exception;
    }

    private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("spawn_rate", SpawnWorkload::genServers);
        WORKLOADS.put("spawn_rate_async", SpawnWorkload::genServersAsync);
        WORKLOADS.put("spawn_rate_plain", SpawnWorkload::plain);
        WORKLOADS.put("ring", RingWorkload::genServers);
        WORKLOADS.put("ring_plain", RingWorkload::plain);
        WORKLOADS.put("send_1to1", kernel -> SendWorkload.genServers(kernel, "send_1to1", 1, 10_000_000));
        WORKLOADS.put("send_1to1_plain", kernel -> SendWorkload.plain(kernel, "send_1to1", 1, 10_000_000));
        WORKLOADS.put("send_1000to1000", kernel -> SendWorkload.genServers(kernel, "send_1000to1000", 1000, 10_000));
        WORKLOADS.put("send_1000to1000_plain", kernel -> SendWorkload.plain(kernel, "send_1000to1000", 1000, 10_000));
        WORKLOADS.put("call", CallWorkload::fromGenServer);
        WORKLOADS.put("call_plain", CallWorkload::fromPlainProcess);
        WORKLOADS.put("restarts", RestartWorkload::run);
    }

    private KernelBench() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || !WORKLOADS.containsKey(args[0])) {
            System.err.println("kernel-bench: expected one workload name, one of " + WORKLOADS.keySet()
                    + ", got " + String.join(" ", args));
            System.exit(2);
        }
        String name = args[0];
        startWatchdog(name);

        Kernel kernel = Kernel.start();
        try {
            WORKLOADS.get(name).run(kernel);
        } catch (Exception | Error failure) {
            System.err.println("kernel-bench: workload " + name + " failed: " + failure);
            failure.printStackTrace();
            Runtime.getRuntime().halt(1);
        }

        // The JVM's exit ends every process at once (all kernel threads are daemons), which
        // is faster than closing a kernel that contains a million processes. System.exit rather
        // than halt, so a flight recording started with -XX:StartFlightRecording is written.
        System.exit(0);
    }

    /** Halts the JVM with status 1 once the workload has run for {@link #TIME_LIMIT_MILLIS}. */
    private static void startWatchdog(String name) {
        Thread.ofPlatform().daemon().name("kernel-bench-watchdog").start(() -> {
            try {
                Thread.sleep(TIME_LIMIT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("kernel-bench: workload " + name + " timed out after " + TIME_LIMIT_MILLIS + " ms");
            Runtime.getRuntime().halt(1);
        });
    }
}
