package dev.tern.kernel;

/**
 * The message a process that traps exits receives in place of an exit signal, like Erlang's
 * {@code {'EXIT', From, Reason}}.
 *
 * @param from   the process whose exit (or whose call to {@code exit/2}) sent the signal; the
 *               receiving process itself when {@code exit} was called from a thread that is no process
 * @param reason why; {@link ExitReason#KILLED} never arrives here, because kill is untrappable
 */
public record Exit(Pid from, ExitReason reason) {
}
