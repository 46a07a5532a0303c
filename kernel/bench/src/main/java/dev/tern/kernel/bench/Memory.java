package dev.tern.kernel.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/** Heap and resident-set readings for the memory figures, and an optional class histogram. */
final class Memory {

    /** Set to a line count to print that many lines of the heap's class histogram to stderr. */
    static final String HISTOGRAM_PROPERTY = "tern.bench.histogram";

    private Memory() {
    }

    /** Runs a full collection and returns the bytes of heap still in use. */
    static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Returns VmRSS of this OS process from /proc/self/status, in bytes. */
    static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                return Long.parseLong(kilobytes) * 1024;
            }
        }
        throw new IOException("No VmRSS line in /proc/self/status; the RSS figure needs Linux procfs");
    }

    /**
     * Prints the first lines of {@code jcmd <pid> GC.class_histogram} to stderr when the
     * {@value #HISTOGRAM_PROPERTY} property is set. The histogram is taken through the
     * DiagnosticCommand MBean, so it shows the heap at this exact point of the workload.
     */
    static void printClassHistogramIfRequested(String label) throws JMException {
        int lines = Integer.getInteger(HISTOGRAM_PROPERTY, 0);
        if (lines <= 0) {
            return;
        }
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics,
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        System.err.println("Class histogram " + label + ":");
        histogram.lines().limit(lines + 2L).forEach(System.err::println);
    }
}
