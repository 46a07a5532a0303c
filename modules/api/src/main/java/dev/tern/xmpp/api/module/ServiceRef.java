package dev.tern.xmpp.api.module;

import java.time.Duration;

/** A handle on a module's {@link Service}. It stays valid across restarts and upgrades of the service. */
public interface ServiceRef {

    /** Sends a message without waiting; never fails. */
    void send(Object message);

    /**
     * Sends a request and waits for the reply.
     *
     * @throws java.util.concurrent.TimeoutException when no reply came within {@code timeout}
     */
    Object call(Object request, Duration timeout) throws Exception;
}
