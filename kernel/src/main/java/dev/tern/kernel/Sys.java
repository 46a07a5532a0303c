package dev.tern.kernel;

import java.time.Duration;

/**
 * OTP's {@code sys} for behaviour processes: suspend at a message boundary, read the state,
 * change the code, resume. While suspended a process keeps receiving messages into its
 * mailbox but handles only system requests, so a code change loses and reorders nothing.
 */
public final class Sys {

    private static final Duration TIMEOUT = GenServer.DEFAULT_TIMEOUT;

    private Sys() {
    }

    /** Suspends after the message being handled; returns once suspended. */
    public static void suspend(Kernel kernel, Pid pid) {
        request(kernel, pid, new SystemRequest.Suspend(), TIMEOUT);
    }

    /** Resumes a suspended process; messages that arrived meanwhile are handled in order. */
    public static void resume(Kernel kernel, Pid pid) {
        request(kernel, pid, new SystemRequest.Resume(), TIMEOUT);
    }

    /** Returns the behaviour's state (for a GenStatem, a {@link GenStatem.Snapshot}). */
    public static Object getState(Kernel kernel, Pid pid) {
        return request(kernel, pid, new SystemRequest.GetState(), TIMEOUT);
    }

    /**
     * Replaces a suspended process's callbacks with {@code callbacks}, converting its state
     * through their {@code codeChange(oldVersion, state, extra)}. {@code callbacks} may come
     * from another class loader.
     *
     * @throws SysException when the process is not suspended or the conversion throws; the
     *                      process then keeps its old callbacks and state
     */
    public static void changeCode(Kernel kernel, Pid pid, Object callbacks, Object oldVersion, Object extra) {
        request(kernel, pid, new SystemRequest.ChangeCode(callbacks, oldVersion, extra), TIMEOUT);
    }

    private static Object request(Kernel kernel, Pid pid, SystemRequest request, Duration timeout) {
        Object outcome = Calls.call(kernel, pid, timeout, from -> new Signal.SystemMessage(request, from.slot));
        if (outcome instanceof ProcessCell.SysError error) {
            throw new SysException("sys request " + request + " to " + pid + " failed: " + error.cause().getMessage(),
                    error.cause());
        }
        return outcome;
    }

    /** A {@code sys} request was refused or failed inside the process. */
    public static final class SysException extends RuntimeException {
        SysException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
