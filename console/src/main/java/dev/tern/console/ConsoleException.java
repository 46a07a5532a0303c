package dev.tern.console;

/**
 * A failure to show the administrator. Its message is complete and states what to do next, so
 * the shell prints it as it is, and {@code ctl} prints it on standard error and exits with
 * {@link Kind#exitCode()}.
 */
public final class ConsoleException extends Exception {

    /** What went wrong, which decides the exit code of {@code ctl}. */
    public enum Kind {
        /** The server ran the command and it failed, or what it names does not exist. */
        FAILED(1),
        /** The command line is wrong. */
        USAGE(2),
        /** No server listens at the URL, or it rejected the credentials. */
        UNREACHABLE(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public ConsoleException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static ConsoleException usage(String message) {
        return new ConsoleException(Kind.USAGE, message);
    }

    static ConsoleException failed(String message) {
        return new ConsoleException(Kind.FAILED, message);
    }
}
