package dev.tern.server.xml;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.handler.codec.DecoderException;
import java.io.Serial;
import java.util.Objects;

/**
 * Thrown when the peer's input requires a stream error (RFC 6120 section 4.9): the handler that
 * catches it sends {@link #toElement()} and closes the stream.
 *
 * <p>It extends {@link DecoderException} so that Netty passes it to {@code exceptionCaught}
 * unwrapped when {@link XmppStreamDecoder} throws it. It records no stack trace, because hostile
 * peers can cause it at will and the condition and text already describe the failure.
 */
public final class StreamErrorException extends DecoderException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final StreamErrorCondition condition;
    private final String text;

    /**
     * Creates the exception.
     *
     * @param condition the stream error condition to send
     * @param text      an English explanation for the peer, sent as the error's {@code <text/>}
     */
    public StreamErrorException(StreamErrorCondition condition, String text) {
        super(condition.elementName() + ": " + Objects.requireNonNull(text, "text"));
        this.condition = condition;
        this.text = text;
    }

    /** Returns the condition to send. */
    public StreamErrorCondition condition() {
        return condition;
    }

    /** Returns the English explanation, without the condition name that the message starts with. */
    public String text() {
        return text;
    }

    /** Returns the {@code <stream:error/>} element to send to the peer. */
    public Element toElement() {
        return condition.toElement(text);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
