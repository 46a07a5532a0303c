package dev.tern.kernel;

import java.time.Duration;

/** A call got no reply within its timeout; a reply that comes later is dropped. */
public final class CallTimeoutException extends CallException {

    CallTimeoutException(Pid server, Duration timeout) {
        super(server, new ExitReason.Atom("timeout"),
                "Call to " + server + " got no reply within " + timeout.toMillis() + " ms", null);
    }
}
