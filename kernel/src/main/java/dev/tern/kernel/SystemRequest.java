package dev.tern.kernel;

/** What a {@link Sys} call asks of a behaviour process. */
sealed interface SystemRequest {

    record Suspend() implements SystemRequest {
    }

    record Resume() implements SystemRequest {
    }

    record GetState() implements SystemRequest {
    }

    /**
     * Replace the callback object with {@code callbacks}, converting the state through its
     * {@code codeChange(oldVersion, state, extra)}; allowed only while suspended.
     */
    record ChangeCode(Object callbacks, Object oldVersion, Object extra) implements SystemRequest {
    }
}
