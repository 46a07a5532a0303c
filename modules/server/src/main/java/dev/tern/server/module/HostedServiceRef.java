package dev.tern.server.module;

import dev.tern.kernel.CallTimeoutException;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.xmpp.api.module.ServiceRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A handle on a service that looks its process up by registered name on each use, so it survives restarts and upgrades. */
final class HostedServiceRef implements ServiceRef {

    private final Kernel kernel;
    private final String registeredName;
    private final String description;

    HostedServiceRef(Kernel kernel, String registeredName, String moduleName, String serviceName) {
        this.kernel = kernel;
        this.registeredName = registeredName;
        this.description = "Service '" + serviceName + "' of module '" + moduleName + "'";
    }

    /** Casts {@code message}; while the service is down or restarting, the message is dropped, as a send to a dead pid is. */
    @Override
    public void send(Object message) {
        Objects.requireNonNull(message, "message");
        kernel.whereis(registeredName).ifPresent(pid -> GenServer.cast(kernel, pid, message));
    }

    /**
     * Calls the service.
     *
     * @throws IllegalStateException when the service is not running, for example between a crash and its restart
     * @throws TimeoutException      when no reply came within {@code timeout}
     * @throws dev.tern.kernel.CallException when the service ended while handling the request
     */
    @Override
    public Object call(Object request, Duration timeout) throws Exception {
        Objects.requireNonNull(request, "request");
        Optional<Pid> pid = kernel.whereis(registeredName);
        if (pid.isEmpty()) {
            throw new IllegalStateException(description + " is not running; it may be restarting, so retry later");
        }
        try {
            return GenServer.call(kernel, pid.get(), request, timeout);
        } catch (CallTimeoutException e) {
            TimeoutException timedOut = new TimeoutException(description + " did not reply within "
                    + timeout.toMillis() + " ms");
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
