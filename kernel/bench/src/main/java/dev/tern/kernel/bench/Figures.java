package dev.tern.kernel.bench;

import java.util.Locale;

/**
 * Prints figures as {@code java <figure> <value> <unit>} lines, the format of the Erlang
 * reference ({@code erlang <figure> <value> <unit>}), so run.sh can pair them by name.
 */
final class Figures {

    private Figures() {
    }

    static void report(String figure, long value, String unit) {
        System.out.println("java " + figure + " " + value + " " + unit);
    }

    /** Prints a fractional value with two decimals, as the Erlang side's {@code ~.2f}. */
    static void report(String figure, double value, String unit) {
        System.out.printf(Locale.ROOT, "java %s %.2f %s%n", figure, value, unit);
    }

    /** Returns events per second, rounded to an integer. */
    static long rate(long count, long elapsedNanos) {
        return Math.round(count * 1.0e9 / elapsedNanos);
    }

    /** Returns the nearest-rank percentile of sorted nanosecond samples, in microseconds. */
    static double percentileMicros(long[] sortedNanos, int percent) {
        int rank = Math.max(1, (int) Math.ceil(percent * (double) sortedNanos.length / 100));
        return sortedNanos[rank - 1] / 1000.0;
    }
}
