package dev.tern.server.load;

import dev.tern.server.TernServer;
import dev.tern.server.config.ServerConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server half of the idle-session footprint measurement: starts a server on loopback,
 * waits until {@code N} sessions are bound (by {@link LoadClient} in another JVM), and prints
 * heap after GC and resident memory per session. Stops by itself after the measurement or
 * after the deadline.
 *
 * <p>Usage: {@code LoadServer N WORK_FOLDER}; it writes the direct TLS port to
 * {@code WORK_FOLDER/port} and the certificate to {@code WORK_FOLDER/server.crt}.
 */
public final class LoadServer {

    static final String USER = "load";
    static final String PASSWORD = "load-test-password";
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);

        ServerConfig defaults = ServerConfig.defaults(work.resolve("data"));
        // Long timers, so no ping or timeout fires during the measurement.
        // No management endpoint: the measurement is of the XMPP sessions only.
        ServerConfig config = defaults.withC2s(defaults.c2s().withBindAddress("127.0.0.1").withPorts(0, 0)
                .withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(60),
                        Duration.ofSeconds(5)))
                .withManagement(defaults.management().withPort(-1));
        TernServer server = TernServer.start(config);
        if (!server.accounts().exists(USER)) {
            server.accounts().create(USER, PASSWORD);
        }

        Memory baseline = Memory.measure();
        Files.writeString(work.resolve("server.crt"), java.util.Base64.getMimeEncoder()
                .encodeToString(server.certificate().getEncoded()));
        Files.writeString(work.resolve("port"), Integer.toString(server.directTlsPort()));
        System.out.println("Baseline: " + baseline);

        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (server.sessions().count() < sessions && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        int bound = server.sessions().count();
        Thread.sleep(2000);
        Memory loaded = Memory.measure();

        System.out.println("Loaded with " + bound + " bound sessions: " + loaded);
        if (bound > 0) {
            System.out.printf("Per session: heap after GC %.0f bytes, RSS %.0f bytes%n",
                    (loaded.heapBytes - baseline.heapBytes) / (double) bound,
                    (loaded.rssBytes - baseline.rssBytes) / (double) bound);
        }
        if (Boolean.getBoolean("tern.load.histogram")) {
            printClassHistogram();
        }
        server.stop();
    }

    /** Prints the heap's classes by size, to see where a session's bytes go. */
    private static void printClassHistogram() throws Exception {
        javax.management.ObjectName diagnostics = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
        Object histogram = ManagementFactory.getPlatformMBeanServer().invoke(diagnostics, "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        String[] lines = histogram.toString().split("\n");
        for (int i = 0; i < Math.min(45, lines.length); i++) {
            System.out.println(lines[i]);
        }
    }

    /** Heap in use after full collections, and the resident set size of the process. */
    record Memory(long heapBytes, long rssBytes) {

        static Memory measure() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Memory(heap, residentSetBytes());
        }

        private static long residentSetBytes() throws Exception {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : status) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        }

        @Override
        public String toString() {
            return "heap " + heapBytes / (1024 * 1024) + " MiB, RSS " + rssBytes / (1024 * 1024) + " MiB";
        }
    }
}
