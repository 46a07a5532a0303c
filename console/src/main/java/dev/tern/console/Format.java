package dev.tern.console;

import java.util.Collection;
import java.util.stream.Collectors;

/** Turns reply values into short text for tables. */
final class Format {

    private static final long MIB = 1024 * 1024;

    private Format() {
    }

    /** Returns {@code -} for null, comma-separated items for a list, and the value's text otherwise. */
    static String text(Object value) {
        return switch (value) {
            case null -> "-";
            case Collection<?> items when items.isEmpty() -> "-";
            case Collection<?> items -> items.stream().map(Format::text).collect(Collectors.joining(", "));
            case Boolean flag -> flag ? "yes" : "no";
            default -> value.toString();
        };
    }

    /** Returns a duration in seconds as {@code 3d 4h 5m 6s}, leaving out leading zero units. */
    static String duration(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m " + rest + "s";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m " + rest + "s";
        }
        return minutes > 0 ? minutes + "m " + rest + "s" : rest + "s";
    }

    /** Returns a byte count in MiB, rounded down. */
    static String mebibytes(long bytes) {
        return bytes / MIB + " MiB";
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
