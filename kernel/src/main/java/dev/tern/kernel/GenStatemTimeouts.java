package dev.tern.kernel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The running timeouts of one {@link GenStatem} process: at most one per type (the state
 * timeout, the event timeout, and each generic timeout name).
 *
 * <p>Each start gets a new token, and a timer's message carries it. A message whose token is
 * no longer the running one belongs to a timeout cancelled or replaced after the timer fired,
 * and is dropped, so a timeout never reaches a state it was not started for. Zero-time
 * timeouts start no timer: they wait in a queue that the process reads after its inserted
 * events and before its mailbox, and the same token check drops the cancelled ones.
 *
 * <p>Only the process's own thread calls these methods; timers only deliver messages.
 */
final class GenStatemTimeouts {

    /** The message a timer delivers to its process. */
    record Fired(EventType type, long token) {
    }

    private record Running(long token, TimerRef timer, Object content) {
    }

    private final ProcessCell process;
    // Small and allocated on first use: a waiting session holds one or two timeouts at most.
    private final Map<EventType, Running> running = new HashMap<>(4);
    private ArrayDeque<Fired> zeroTime;
    private long lastToken;

    GenStatemTimeouts(ProcessCell process) {
        this.process = process;
    }

    /** Starts the timeout of {@code type}, replacing a running one of that type. */
    void start(EventType type, Duration time, Object content) {
        cancel(type);
        Fired fired = new Fired(type, ++lastToken);
        TimerRef timer = null;
        if (time.isZero()) {
            if (zeroTime == null) {
                zeroTime = new ArrayDeque<>(4);
            }
            zeroTime.addLast(fired);
        } else {
            timer = process.kernel.timers.schedule(time.toNanos(), () -> process.deliver(fired));
        }
        running.put(type, new Running(fired.token(), timer, content));
    }

    void cancel(EventType type) {
        Running old = running.remove(type);
        if (old != null && old.timer() != null) {
            old.timer().cancel();
        }
    }

    void cancelAll() {
        running.values().forEach(timeout -> {
            if (timeout.timer() != null) {
                timeout.timer().cancel();
            }
        });
        running.clear();
        zeroTime = null;
    }

    /**
     * Returns the event of a fired timeout and removes the timeout, or null when it was
     * cancelled or replaced since it was started.
     */
    GenStatemProcess.Event expire(Fired fired) {
        Running current = running.get(fired.type());
        if (current == null || current.token() != fired.token()) {
            return null;
        }
        running.remove(fired.type());
        return new GenStatemProcess.Event(fired.type(), current.content());
    }

    /** Returns the oldest zero-time timeout event still running, or null when none is left. */
    GenStatemProcess.Event pollZeroTime() {
        if (zeroTime == null) {
            return null;
        }
        Fired fired;
        while ((fired = zeroTime.pollFirst()) != null) {
            GenStatemProcess.Event event = expire(fired);
            if (event != null) {
                return event;
            }
        }
        return null;
    }
}
