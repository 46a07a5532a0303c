package dev.tern.kernel;

/**
 * Who made a call and where its reply goes, like OTP's {@code From}. A callback may keep it
 * and answer later with {@link GenServer#reply}; a reply after the caller gave up is dropped.
 */
public final class From {

    private final Pid caller;
    final ReplySlot slot;

    From(Pid caller, ReplySlot slot) {
        this.caller = caller;
        this.slot = slot;
    }

    /** Returns the calling process, or null when the call came from a thread that is no process. */
    public Pid caller() {
        return caller;
    }

    @Override
    public String toString() {
        return "From(" + caller + ")";
    }
}
