package dev.tern.server.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(
            3, 2, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15), 100);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(SETTINGS, clock);

    @Test
    void connectionDelaysDoubleThenClose() {
        LoginThrottle.ConnectionAttempts attempts = throttle.newConnection();

        assertThat(attempts.recordFailure(null)).isEqualTo(new LoginThrottle.Verdict(Duration.ofSeconds(1), false));
        assertThat(attempts.recordFailure(null)).isEqualTo(new LoginThrottle.Verdict(Duration.ofSeconds(2), false));
        assertThat(attempts.recordFailure(null)).isEqualTo(new LoginThrottle.Verdict(Duration.ofSeconds(4), true));
        assertThat(attempts.failures()).isEqualTo(3);
    }

    @Test
    void connectionsCountSeparately() {
        throttle.newConnection().recordFailure(null);
        throttle.newConnection().recordFailure(null);

        assertThat(throttle.newConnection().recordFailure(null).closeConnection()).isFalse();
    }

    @Test
    void accountDelayStartsAfterFreeFailures() {
        recordFailures("juliet", 2);
        assertThat(throttle.accountDelay("juliet")).isZero();

        recordFailures("juliet", 1);
        assertThat(throttle.accountDelay("juliet")).isEqualTo(Duration.ofSeconds(1));

        recordFailures("juliet", 1);
        assertThat(throttle.accountDelay("juliet")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.accountDelay("romeo")).isZero();
    }

    @Test
    void accountDelayShrinksWithTime() {
        recordFailures("juliet", 4);

        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.accountDelay("juliet")).isEqualTo(Duration.ofMillis(1500));

        clock.advance(Duration.ofMillis(1500));
        assertThat(throttle.accountDelay("juliet")).isZero();
    }

    @Test
    void accountDelayCappedAtMax() {
        recordFailures("juliet", 20);

        assertThat(throttle.accountDelay("juliet")).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void failuresForgottenAfterQuietTime() {
        recordFailures("juliet", 2);
        clock.advance(Duration.ofMinutes(15));

        recordFailures("juliet", 1);

        assertThat(throttle.accountDelay("juliet")).isZero();
    }

    @Test
    void successClearsAccountFailures() {
        recordFailures("juliet", 3);

        throttle.newConnection().recordSuccess("juliet");

        assertThat(throttle.accountDelay("juliet")).isZero();
        assertThat(throttle.trackedAccounts()).isZero();
    }

    @Test
    void trackedAccountsBounded() {
        LoginThrottle small = new LoginThrottle(new LoginThrottle.Settings(
                100, 0, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15), 2), clock);
        LoginThrottle.ConnectionAttempts attempts = small.newConnection();

        attempts.recordFailure("first");
        attempts.recordFailure("second");
        attempts.recordFailure("third");

        assertThat(small.trackedAccounts()).isEqualTo(2);
        assertThat(small.accountDelay("first")).isZero();
        assertThat(small.accountDelay("third")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void settingsRejectInconsistentDelays() {
        assertThatThrownBy(() -> new LoginThrottle.Settings(
                3, 2, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(15), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDelay=PT1S");
    }

    private void recordFailures(String username, int count) {
        for (int i = 0; i < count; i++) {
            throttle.newConnection().recordFailure(username);
        }
    }
}
