package dev.tern.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fires a {@link ConnectionEvent.Idle} of one kind when nothing was read for a time. Every
 * read counts, whitespace keepalives included, because the handler sits before the decoder.
 * Two of these with different kinds run side by side: one for the ping, one for the timeout.
 */
final class StreamIdleHandler extends IdleStateHandler {

    private final ConnectionEvent.Idle event;

    StreamIdleHandler(ConnectionEvent.IdleKind kind, Duration readerIdleTime) {
        super(readerIdleTime.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
        this.event = new ConnectionEvent.Idle(kind);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        // Only the first event after a read: later ones would repeat the same news.
        if (evt.state() == IdleState.READER_IDLE && evt.isFirst()) {
            ctx.fireUserEventTriggered(event);
        }
    }
}
