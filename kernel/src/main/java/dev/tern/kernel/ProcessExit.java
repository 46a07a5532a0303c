package dev.tern.kernel;

/**
 * Unwinds a plain process's code when the process must end: an exit signal it does not trap,
 * or its own {@link ProcessContext#exit(ExitReason)}. Code should let it propagate.
 */
public final class ProcessExit extends RuntimeException {

    private final transient ExitReason reason;

    ProcessExit(ExitReason reason) {
        super("Process exits with reason " + reason, null, false, false);
        this.reason = reason;
    }

    public ExitReason reason() {
        return reason;
    }
}
