package dev.tern.sint;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.ConcreteTest;
import org.jivesoftware.smack.ConnectionCreationListener;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPConnectionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a framework run, by interrupting its thread, in two cases the framework does not handle:
 * the server ends a stream with an error, and a test runs longer than the per-test limit.
 *
 * <p>The framework runs its tests on three shared connections. Once the server closes one, the
 * tests fail with {@code NotConnectedException} or wait out their timeouts, and that exception
 * hides the stream error that caused it. Some tests also wait up to six minutes for an event.
 * The runner records either case as a failure of the test under execution, with the stream
 * error or the limit as the cause.
 */
final class FrameworkWatch implements AutoCloseable {

    /**
     * Why the watch interrupted the run.
     *
     * @param test         the test under execution when the watch noticed, or null outside any
     *                     test. For a closed stream it can be a later test than the one that
     *                     caused the close, because Smack reports the close on another thread.
     * @param cause        the one-line cause to record for the test to blame
     * @param atMillis     when the watch noticed, from {@code System.currentTimeMillis()} like the
     *                     framework's test start times
     * @param streamClosed whether the server closed a stream, rather than a test running too long
     */
    record Interruption(ConcreteTest test, String cause, long atMillis, boolean streamClosed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkWatch.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Thread frameworkThread;
    private final Duration testLimit;
    private final AtomicReference<Interruption> interruption = new AtomicReference<>();
    private final ConnectionCreationListener creationListener = this::watchConnection;
    private final ScheduledExecutorService clock;
    private ConcreteTest lastSeen;
    private long lastSeenSinceNanos;

    private FrameworkWatch(Thread frameworkThread, Duration testLimit) {
        this.frameworkThread = frameworkThread;
        this.testLimit = testLimit;
        this.clock = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sint-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Watches every connection created from now on and the test that {@code frameworkThread} runs. */
    static FrameworkWatch start(Thread frameworkThread, Duration testLimit) {
        FrameworkWatch watch = new FrameworkWatch(frameworkThread, testLimit);
        XMPPConnectionRegistry.addConnectionCreationListener(watch.creationListener);
        watch.clock.scheduleWithFixedDelay(watch::checkTestDuration, CHECK_INTERVAL.toMillis(),
                CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Returns why the watch interrupted the run, or null when it did not. */
    Interruption interruption() {
        return interruption.get();
    }

    private void watchConnection(XMPPConnection connection) {
        connection.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception error) {
                interrupt("The server closed the stream of " + connection.getUser() + ": "
                        + FailureCause.of(error, null), true);
            }
        });
    }

    private void checkTestDuration() {
        if (interruption.get() != null) {
            // The framework swallows an interrupt that lands in a test class's @AfterClass method, so repeat it
            // until the run ends.
            frameworkThread.interrupt();
            return;
        }

        // The framework sets the test under execution on its own thread in a field that is not volatile, so
        // this check may read a change late, which delays the interrupt by that much.
        ConcreteTest current = SmackIntegrationTestFramework.getTestUnderExecution();
        long now = System.nanoTime();
        if (current != lastSeen) {
            lastSeen = current;
            lastSeenSinceNanos = now;
            return;
        }
        if (current != null && now - lastSeenSinceNanos > testLimit.toNanos()) {
            interrupt("Exceeded the harness's limit of " + testLimit.toSeconds() + " s per test", false);
        }
    }

    private void interrupt(String cause, boolean streamClosed) {
        Interruption candidate = new Interruption(SmackIntegrationTestFramework.getTestUnderExecution(), cause,
                System.currentTimeMillis(), streamClosed);
        if (interruption.compareAndSet(null, candidate)) {
            LOG.warn("Interrupting the framework during '{}': {}", candidate.test(), cause);
            frameworkThread.interrupt();
        }
    }

    @Override
    public void close() {
        XMPPConnectionRegistry.removeConnectionCreationListener(creationListener);
        clock.shutdownNow();
    }
}
