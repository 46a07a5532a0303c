package dev.tern.xmpp.api.module;

import dev.tern.xmpp.api.StanzaError;
import dev.tern.xmpp.api.StanzaErrorCondition;
import java.util.Objects;

/** Thrown by a handler to answer the stanza it handles with a stanza error. */
public class StanzaException extends Exception {

    private final StanzaError error;

    public StanzaException(StanzaError error) {
        super(error.condition() + (error.text() == null ? "" : ": " + error.text()));
        this.error = Objects.requireNonNull(error, "error");
    }

    public StanzaException(StanzaErrorCondition condition, String text) {
        this(StanzaError.of(condition, text));
    }

    public StanzaError error() {
        return error;
    }
}
