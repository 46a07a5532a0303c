package dev.tern.server.c2s;

import dev.tern.kernel.Action;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.Transition;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StreamErrorCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes to the client and closes streams: the steps every state shares. */
final class StreamOutput {

    private static final Logger LOG = LoggerFactory.getLogger(StreamOutput.class);

    private final C2sContext context;

    StreamOutput(C2sContext context) {
        this.context = context;
    }

    /**
     * Writes {@code element} and returns null, or returns the transition that closes the stream
     * when the client reads too slowly for the outgoing byte budget.
     */
    Transition<C2sState, C2sSession> write(C2sSession session, Element element) {
        Transition<C2sState, C2sSession> closed = writeRaw(session, element.toXml(Namespaces.CLIENT));
        // Before binding there are no stats, and only negotiation elements are written.
        if (closed == null && session.stats != null) {
            session.stats.countOut();
        }
        return closed;
    }

    Transition<C2sState, C2sSession> writeRaw(C2sSession session, String xml) {
        if (session.connection.send(xml)) {
            return null;
        }
        LOG.warn("Closing stream '{}' because the client does not read: {} bytes are queued", session.logId(),
                session.connection.queuedBytes());
        closeNow(session, StreamErrorCondition.POLICY_VIOLATION, "You read too slowly: the server's queue for "
                + "your connection exceeded " + context.config().c2s().maxOutgoingQueueBytes() + " bytes");
        return Transition.stop(ExitReason.NORMAL);
    }

    /** Sends the server's stream header with a fresh id. */
    Transition<C2sState, C2sSession> sendHeader(C2sSession session, String clientFrom) {
        session.streamId = StreamHeaders.newStreamId();
        session.headerSent = true;
        return writeRaw(session, StreamHeaders.response(session.streamId, context.domain(), clientFrom));
    }

    /**
     * Sends a stream error and {@code </stream:stream>}, then waits in {@link C2sState#CLOSING}
     * for the client's close tag (RFC 6120 section 4.4) until the close timeout.
     */
    Transition<C2sState, C2sSession> fail(C2sSession session, StreamErrorCondition condition, String text) {
        logStreamError(session, condition, text);
        if (session.closeSent) {
            return closeAndStop(session);
        }
        String xml = header(session) + condition.toElement(text).toXml(Namespaces.CLIENT)
                + NegotiationElements.CLOSE_TAG;
        session.closeSent = true;
        if (!session.connection.send(xml)) {
            session.connection.close();
            return Transition.stop(ExitReason.NORMAL);
        }
        return Transition.nextState(C2sState.CLOSING, session,
                Action.stateTimeout(context.config().c2s().closeTimeout(), "close"));
    }

    void logStreamError(C2sSession session, StreamErrorCondition condition, String text) {
        LOG.info("Closing stream '{}' with stream error '{}': {}", session.logId(), condition.elementName(), text);
    }

    /** Sends a stream error and {@code </stream:stream>}, and closes the connection without waiting. */
    void closeNow(C2sSession session, StreamErrorCondition condition, String text) {
        if (session.closeSent) {
            session.connection.close();
            return;
        }
        session.closeSent = true;
        session.connection.sendAndClose(header(session) + condition.toElement(text).toXml(Namespaces.CLIENT)
                + NegotiationElements.CLOSE_TAG);
    }

    /** Sends our {@code </stream:stream>} in reply to the client's, unless sent already, and closes the connection. */
    Transition<C2sState, C2sSession> closeAndStop(C2sSession session) {
        if (session.closeSent) {
            session.connection.close();
        } else {
            session.closeSent = true;
            session.connection.sendAndClose(NegotiationElements.CLOSE_TAG);
        }
        return Transition.stop(ExitReason.NORMAL);
    }

    /** Returns the server's header when none was sent for this stream: RFC 6120 section 4.9.1.1 requires one before an error. */
    private String header(C2sSession session) {
        if (session.headerSent) {
            return "";
        }
        session.headerSent = true;
        session.streamId = StreamHeaders.newStreamId();
        return StreamHeaders.response(session.streamId, context.domain(), null);
    }
}
