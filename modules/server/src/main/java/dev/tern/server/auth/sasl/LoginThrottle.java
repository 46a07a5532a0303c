package dev.tern.server.auth.sasl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Limits failed logins per connection and per account.
 *
 * <p>Per connection: each failure delays the {@code <failure/>} by a doubling delay, and the
 * connection closes after {@link Settings#maxFailuresPerConnection()} failures. Per account:
 * after {@link Settings#freeFailuresPerAccount()} failures, the account accepts no attempt
 * until a doubling delay has passed, and attempts during it fail with
 * {@code temporary-auth-failure}. Unknown usernames are tracked like real ones, so the delay
 * does not reveal which accounts exist. An account's failures are forgotten after a success
 * or after {@link Settings#forgetAfter()} without failures.
 *
 * <p>The throttle never sleeps: it returns delays, and the caller schedules the reply. It is
 * thread-safe and shared by all connections.
 */
public final class LoginThrottle {

    /**
     * The throttle's limits.
     *
     * @param maxFailuresPerConnection failures after which the connection closes
     * @param freeFailuresPerAccount failures an account may have before the delay starts
     * @param baseDelay the first delay, which doubles with each further failure
     * @param maxDelay the cap of every delay
     * @param forgetAfter the quiet time after which an account's failures are forgotten
     * @param maxTrackedAccounts the cap on remembered accounts, which bounds memory when an
     *     attacker tries many usernames; the longest-quiet account is dropped first
     */
    public record Settings(int maxFailuresPerConnection, int freeFailuresPerAccount, Duration baseDelay,
            Duration maxDelay, Duration forgetAfter, int maxTrackedAccounts) {

        public Settings {
            if (maxFailuresPerConnection < 1 || freeFailuresPerAccount < 0 || maxTrackedAccounts < 1) {
                throw new IllegalArgumentException("Throttle limits must be positive: maxFailuresPerConnection="
                        + maxFailuresPerConnection + ", freeFailuresPerAccount=" + freeFailuresPerAccount
                        + ", maxTrackedAccounts=" + maxTrackedAccounts);
            }
            if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || !forgetAfter.isPositive()) {
                throw new IllegalArgumentException("Throttle delays are inconsistent: baseDelay=" + baseDelay
                        + ", maxDelay=" + maxDelay + ", forgetAfter=" + forgetAfter);
            }
        }

        /**
         * Returns the default limits: 3 failures per connection, 5 free failures per account,
         * delays from 1 s doubling to 60 s, forgotten after 15 minutes, 100,000 accounts.
         */
        public static Settings defaults() {
            return new Settings(3, 5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), 100_000);
        }
    }

    /**
     * The throttle's decision after a failure.
     *
     * @param responseDelay how long to wait before sending {@code <failure/>}
     * @param closeConnection whether to close the stream after sending it
     */
    public record Verdict(Duration responseDelay, boolean closeConnection) {
    }

    private final Settings settings;
    private final Clock clock;
    // Access order, so the first entry is the account least recently failed.
    private final LinkedHashMap<String, AccountFailures> accounts = new LinkedHashMap<>(16, 0.75f, true);

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts tracking a new connection; the caller keeps the result for the connection's life. */
    public ConnectionAttempts newConnection() {
        return new ConnectionAttempts();
    }

    /** Returns how long {@code username} must wait before its next attempt, or zero. */
    public synchronized Duration accountDelay(String username) {
        AccountFailures failures = accounts.get(username);
        if (failures == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        if (isForgotten(failures, now)) {
            accounts.remove(username);
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(now, failures.blockedUntil);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** Returns the number of accounts with remembered failures. */
    public synchronized int trackedAccounts() {
        return accounts.size();
    }

    private synchronized void recordAccountFailure(String username) {
        Instant now = clock.instant();
        AccountFailures failures = accounts.get(username);
        if (failures == null || isForgotten(failures, now)) {
            failures = new AccountFailures();
            accounts.put(username, failures);
        }
        failures.count++;
        failures.lastFailure = now;
        int delayedFailures = failures.count - settings.freeFailuresPerAccount();
        failures.blockedUntil = delayedFailures > 0 ? now.plus(doublingDelay(delayedFailures)) : now;
        evictIfFull(now);
    }

    private synchronized void recordAccountSuccess(String username) {
        accounts.remove(username);
    }

    private void evictIfFull(Instant now) {
        if (accounts.size() <= settings.maxTrackedAccounts()) {
            return;
        }
        accounts.values().removeIf(failures -> isForgotten(failures, now));
        Iterator<Map.Entry<String, AccountFailures>> eldest = accounts.entrySet().iterator();
        while (accounts.size() > settings.maxTrackedAccounts() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private boolean isForgotten(AccountFailures failures, Instant now) {
        return !now.isBefore(failures.lastFailure.plus(settings.forgetAfter()));
    }

    /** Returns baseDelay * 2^(n - 1), capped at maxDelay. */
    private Duration doublingDelay(int n) {
        Duration delay = settings.baseDelay();
        for (int i = 1; i < n && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private static final class AccountFailures {
        int count;
        Instant lastFailure;
        Instant blockedUntil;
    }

    /** The failed attempts of one connection. Not thread-safe: one connection, one thread. */
    public final class ConnectionAttempts {

        private int failures;

        private ConnectionAttempts() {
        }

        /**
         * Records a failed attempt.
         *
         * @param username the prepared username whose credentials were wrong, which then
         *     counts against that account, or null when the failure was not about
         *     credentials
         */
        public Verdict recordFailure(String username) {
            if (username != null) {
                recordAccountFailure(username);
            }
            failures++;
            return new Verdict(doublingDelay(failures), failures >= settings.maxFailuresPerConnection());
        }

        /** Records a successful login, which clears the account's failures. */
        public void recordSuccess(String username) {
            recordAccountSuccess(username);
        }

        /** Returns the number of failures on this connection. */
        public int failures() {
            return failures;
        }
    }
}
