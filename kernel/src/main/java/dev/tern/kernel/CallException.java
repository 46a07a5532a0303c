package dev.tern.kernel;

/**
 * A call did not get a reply: the server was not running, ended while handling it, or
 * answered with an error. Like OTP's exit from {@code gen_server:call}, {@link #reason()}
 * says why.
 */
public class CallException extends RuntimeException {

    private final transient Pid server;
    private final transient ExitReason reason;

    CallException(Pid server, ExitReason reason, String message, Throwable cause) {
        super(message, cause);
        this.server = server;
        this.reason = reason;
    }

    /** Returns the process that was called. */
    public Pid server() {
        return server;
    }

    /** Returns the server's exit reason ({@code noproc} when it was not running), or null for an error reply. */
    public ExitReason reason() {
        return reason;
    }
}
