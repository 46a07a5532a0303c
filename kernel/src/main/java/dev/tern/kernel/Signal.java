package dev.tern.kernel;

/**
 * Kernel-level items that travel through a mailbox beside ordinary messages, so they keep
 * Erlang's per-pair ordering with them. The receiving process handles them itself, so its code
 * never receives them, except an exit signal turned into an {@link Exit} message by trapExit.
 */
sealed interface Signal {

    /**
     * An exit signal. {@code fromLink} is true when it comes from a linked process's end,
     * false when sent by {@code exit(pid, reason)}; only the latter with reason kill is
     * untrappable, as in Erlang. {@code from} is null when {@code exit} was called from a
     * thread that is no process.
     */
    record ExitSignal(Pid from, ExitReason reason, boolean fromLink) implements Signal {
        boolean untrappable() {
            return !fromLink && reason.equals(ExitReason.KILL);
        }
    }

    /** Starts an event-driven process: runs its handler's init before any message. */
    record Start() implements Signal {
    }

    /** A receive timeout fired, and {@code token} identifies the receive that armed it. */
    record ReceiveTimeout(long token) implements Signal {
    }

    /** A {@code sys} request (suspend, resume, get state, change code) with its reply slot. */
    record SystemMessage(SystemRequest request, ReplySlot reply) implements Signal {
    }
}
