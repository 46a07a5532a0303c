package dev.tern.kernel;

/**
 * The kernel side of a behaviour (GenServer, GenStatem): code that runs one message at a
 * time on the kernel's schedulers, with no thread of its own while it waits. The process
 * cell owns the loop, exit signals and {@code sys} suspension; the handler owns what a
 * message means.
 */
interface EventHandler {

    /** Runs once before any message; throwing ends the process with a crash. */
    void init(ProcessCell self) throws Exception;

    /** Handles one ordinary message, or an {@link Exit} when the process traps exits. */
    void handle(ProcessCell self, Object message) throws Exception;

    /** Runs when the process stops by its own decision or by a trapped parent shutdown. */
    void terminate(ProcessCell self, ExitReason reason);

    /** Answers a {@code sys} request other than suspend and resume. */
    Object system(ProcessCell self, SystemRequest request) throws Exception;

    /** The callback class shown by introspection. */
    String behaviourName();
}
