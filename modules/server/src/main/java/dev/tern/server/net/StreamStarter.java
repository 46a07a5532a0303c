package dev.tern.server.net;

import dev.tern.kernel.Pid;

/** Starts the stream process of a new connection; the server starts it under its session supervisor. */
@FunctionalInterface
public interface StreamStarter {

    /** Starts the process and returns its pid; may block briefly, and never runs on an event loop. */
    Pid start(ChannelConnection connection) throws Exception;
}
