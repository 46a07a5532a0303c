package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers, as erlang:send_after/3 and erlang:cancel_timer/1, driven by a {@link ManualClock}. */
@Timeout(30)
class TimerTest {

    private final ManualClock clock = new ManualClock();
    private final Kernel kernel = Kernel.builder().name("timer-test").clock(clock).build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeKernel() {
        release.countDown();
        kernel.close();
    }

    /** Spawns a process that never receives, so its mailbox length counts every delivery. */
    private Pid spawnIdle() {
        return kernel.spawn(self -> release.await());
    }

    private int mailboxLength(Pid pid) {
        return kernel.info(pid).orElseThrow().mailboxLength();
    }

    @Test
    void sendAfterDeliversWhenDue() throws Exception {
        Pid pid = spawnIdle();

        kernel.sendAfter(Duration.ofSeconds(1), pid, "tick");
        clock.advance(Duration.ofMillis(999));

        assertThat(mailboxLength(pid)).as("before the deadline").isZero();

        clock.advance(Duration.ofMillis(1));

        assertThat(mailboxLength(pid)).as("at the deadline").isEqualTo(1);
    }

    @Test
    void timersFireInDeadlineOrder() throws Exception {
        Pid pid = kernel.spawn(self -> {
            List<Object> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                received.add(self.receive());
            }
            events.put(received);
        });

        kernel.sendAfter(Duration.ofSeconds(3), pid, "c");
        kernel.sendAfter(Duration.ofSeconds(1), pid, "a");
        kernel.sendAfter(Duration.ofSeconds(2), pid, "b");
        clock.advance(Duration.ofSeconds(3));

        assertThat(Await.take(events)).isEqualTo(List.of("a", "b", "c"));
    }

    @Test
    void cancelledTimerNeverDelivers() throws Exception {
        Pid pid = kernel.spawn(self -> events.put(self.receive()));
        TimerRef timer = kernel.sendAfter(Duration.ofSeconds(1), pid, "cancelled");

        assertThat(kernel.cancelTimer(timer)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        kernel.send(pid, "marker");

        assertThat(Await.take(events)).isEqualTo("marker");
        assertThat(kernel.cancelTimer(timer)).as("second cancel").isFalse();
    }

    @Test
    void cancelAfterFiringReturnsFalse() {
        Pid pid = spawnIdle();
        TimerRef timer = kernel.sendAfter(Duration.ofSeconds(1), pid, "fired");

        clock.advance(Duration.ofSeconds(1));

        assertThat(kernel.cancelTimer(timer)).isFalse();
        assertThat(mailboxLength(pid)).isEqualTo(1);
    }

    /**
     * Cancels timers while another thread fires them: every timer is either cancelled (and
     * never delivers) or delivered (and its cancel returns false), never both.
     */
    @Test
    void cancelRacingFireDeliversOrCancelsNotBoth() throws Exception {
        int rounds = 20;
        int timersPerRound = 1_000;
        for (int round = 0; round < rounds; round++) {
            Pid pid = spawnIdle();
            List<TimerRef> timers = new ArrayList<>();
            for (int i = 0; i < timersPerRound; i++) {
                timers.add(kernel.sendAfter(Duration.ofMillis(1), pid, i));
            }
            CyclicBarrier start = new CyclicBarrier(2);
            Thread firing = Thread.ofPlatform().start(() -> {
                awaitBarrier(start);
                clock.advance(Duration.ofMillis(1));
            });

            awaitBarrier(start);
            int cancelled = 0;
            for (TimerRef timer : timers) {
                if (kernel.cancelTimer(timer)) {
                    cancelled++;
                }
            }
            firing.join();

            assertThat(cancelled + mailboxLength(pid)).as("round %d", round).isEqualTo(timersPerRound);
        }
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("Barrier broken", e);
        }
    }
}
