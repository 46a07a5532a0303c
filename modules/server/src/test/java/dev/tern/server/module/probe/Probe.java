package dev.tern.server.module.probe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What toy modules report to the test that loaded them. The test exports this package to the
 * toys as an API module, so their class loaders and the test share this one class and its log.
 */
public final class Probe {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private Probe() {
    }

    /** Appends {@code event} to the log. */
    public static void record(String event) {
        EVENTS.add(event);
    }

    /** Returns the events so far, in order. */
    public static List<String> events() {
        return List.copyOf(EVENTS);
    }

    /** Returns how many events equal {@code event}. */
    public static long count(String event) {
        return EVENTS.stream().filter(event::equals).count();
    }

    /** Empties the log, before each test. */
    public static void clear() {
        EVENTS.clear();
    }
}
