package dev.tern.server.it;

import java.util.concurrent.CompletableFuture;
import org.jivesoftware.smack.AbstractConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/** Completes with the stream error condition that closes a Smack connection. */
final class StreamClosures {

    private StreamClosures() {
    }

    static CompletableFuture<StreamError.Condition> watch(XMPPTCPConnection connection) {
        CompletableFuture<StreamError.Condition> closed = new CompletableFuture<>();
        connection.addConnectionListener(new AbstractConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                if (e instanceof StreamErrorException streamError) {
                    closed.complete(streamError.getStreamError().getCondition());
                } else {
                    closed.completeExceptionally(e);
                }
            }

            @Override
            public void connectionClosed() {
                closed.completeExceptionally(new AssertionError("Connection closed without a stream error"));
            }
        });
        return closed;
    }
}
