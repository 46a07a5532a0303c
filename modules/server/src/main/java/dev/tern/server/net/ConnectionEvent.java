package dev.tern.server.net;

import dev.tern.xmpp.api.StreamErrorCondition;
import java.util.Objects;

/** A connection event that the network layer sends to a stream process, besides decoded XML. */
public sealed interface ConnectionEvent {

    /** The TCP connection closed, by the peer or after an I/O error. */
    record Closed() implements ConnectionEvent {
    }

    /**
     * Incoming data requires a stream error: the decoder found bad XML or a limit was exceeded.
     *
     * @param condition the stream error condition to send
     * @param text      English text for the peer
     */
    record Failed(StreamErrorCondition condition, String text) implements ConnectionEvent {
        public Failed {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The peer sent nothing for the configured time of {@code kind}. */
    record Idle(IdleKind kind) implements ConnectionEvent {
        public Idle {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The kind of silence that elapsed. */
    enum IdleKind {
        /** The ping interval: time to check the client with a XEP-0199 ping. */
        PING,
        /** The idle timeout: the stream closes with {@code connection-timeout}. */
        TIMEOUT
    }
}
