package dev.tern.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A supervisor's flags and initial children, as OTP's {@code {SupFlags, ChildSpecs}}.
 *
 * @param strategy  what a child's exit does to its siblings
 * @param intensity more than this many restarts within {@code period} make the supervisor give up
 * @param period    the window for {@code intensity}
 * @param children  started in order, stopped in reverse; for simple_one_for_one exactly one template
 */
public record SupervisorSpec(Strategy strategy, int intensity, Duration period, List<ChildSpec> children) {

    /** OTP's default intensity: one restart ... */
    public static final int DEFAULT_INTENSITY = 1;

    /** ... within five seconds. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    public SupervisorSpec {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
        children = List.copyOf(children);
        if (intensity < 0) {
            throw new IllegalArgumentException("Restart intensity must be 0 or more, got " + intensity);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("Restart period must be positive, got " + period);
        }
        if (strategy == Strategy.SIMPLE_ONE_FOR_ONE && children.size() != 1) {
            throw new IllegalArgumentException("A simple_one_for_one supervisor needs exactly one child template, got "
                    + children.size());
        }
        long distinct = children.stream().map(ChildSpec::id).distinct().count();
        if (distinct != children.size()) {
            throw new IllegalArgumentException("Child ids must be unique, got " + children.stream().map(ChildSpec::id).toList());
        }
    }

    /** A spec with OTP's default intensity and period. */
    public static SupervisorSpec of(Strategy strategy, List<ChildSpec> children) {
        return new SupervisorSpec(strategy, DEFAULT_INTENSITY, DEFAULT_PERIOD, children);
    }

    public SupervisorSpec withIntensity(int maxRestarts, Duration window) {
        return new SupervisorSpec(strategy, maxRestarts, window, children);
    }

    /** What a child's exit does to its siblings. */
    public enum Strategy {
        /** Restart only the child that ended. */
        ONE_FOR_ONE,
        /** Stop all other children, then restart all. */
        ONE_FOR_ALL,
        /** Stop the children started after the one that ended, then restart it and them. */
        REST_FOR_ONE,
        /** One_for_one over dynamic children that all share one template, started by startChild. */
        SIMPLE_ONE_FOR_ONE
    }
}
