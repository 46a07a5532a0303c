package dev.tern.kernel;

/** A behaviour's start failed: its init crashed, returned stop or ignore, or its name was taken. */
public final class StartException extends RuntimeException {

    private final transient Pid pid;
    private final transient ExitReason reason;

    StartException(Pid pid, ExitReason reason, String message, Throwable cause) {
        super(message, cause);
        this.pid = pid;
        this.reason = reason;
    }

    /** Returns the process that was started and has ended. */
    public Pid pid() {
        return pid;
    }

    /** Returns why, e.g. the crash, the stop reason, {@code ignore} or {@code {already_started, Pid}}. */
    public ExitReason reason() {
        return reason;
    }
}
