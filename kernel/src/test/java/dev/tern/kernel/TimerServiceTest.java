package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerServiceTest {

    private final ManualClock clock = new ManualClock();
    private final TimerService timers = new TimerService(clock, "timer-test");

    @Test
    void cancelTakesTimerOffTheHeap() {
        TimerRef kept = timers.schedule(Duration.ofSeconds(5).toNanos(), () -> { });
        TimerRef cancelled = timers.schedule(Duration.ofSeconds(5).toNanos(), () -> { });

        assertThat(cancelled.cancel()).isTrue();

        assertThat(timers.pending()).isEqualTo(1);
        assertThat(cancelled.cancel()).isFalse();
        assertThat(kept.cancel()).isTrue();
        assertThat(timers.pending()).isZero();
    }

    @Test
    void timersFireInDeadlineOrderAfterRandomCancels() {
        Random random = new Random(42);
        List<Long> fired = new ArrayList<>();
        List<TimerRef> refs = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long delay = random.nextInt(10_000);
            refs.add(timers.schedule(delay, () -> fired.add(delay)));
            expected.add(delay);
        }
        for (int i = 0; i < refs.size(); i += 3) {
            refs.get(i).cancel();
            expected.set(i, null);
        }
        List<Long> remaining = expected.stream().filter(java.util.Objects::nonNull).sorted().toList();

        clock.advance(Duration.ofNanos(10_000));

        assertThat(fired).containsExactlyElementsOf(remaining);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void firedTimerCannotBeCancelled() {
        List<String> fired = new ArrayList<>();
        TimerRef ref = timers.schedule(10, () -> fired.add("fired"));

        clock.advance(Duration.ofNanos(10));

        assertThat(fired).containsExactly("fired");
        assertThat(ref.cancel()).isFalse();
    }
}
