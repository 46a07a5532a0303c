package dev.tern.server.net;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.server.xml.StreamErrorException;
import dev.tern.server.xml.XmlEvent;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler: starts the connection's stream process, then forwards each
 * {@link XmlEvent} and {@link ConnectionEvent} to it as a kernel message. Reading starts only
 * once the process runs, so no event arrives before there is a process to take it.
 */
final class StreamEventForwarder extends ChannelInboundHandlerAdapter {

    /** The stream process of a channel, for shutdown. */
    static final AttributeKey<Pid> PROCESS = AttributeKey.valueOf("tern.c2s.process");

    private static final Logger LOG = LoggerFactory.getLogger(StreamEventForwarder.class);

    private final Kernel kernel;
    private final StreamStarter starter;
    private final ChannelConnection connection;
    private final Executor starterExecutor;
    private Pid pid;

    StreamEventForwarder(Kernel kernel, StreamStarter starter, ChannelConnection connection, Executor starterExecutor) {
        this.kernel = kernel;
        this.starter = starter;
        this.connection = connection;
        this.starterExecutor = starterExecutor;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Starting a supervised child is a call to the supervisor, which must not block the event loop.
        starterExecutor.execute(() -> {
            try {
                Pid started = starter.start(connection);
                ctx.channel().eventLoop().execute(() -> attach(ctx, started));
            } catch (Exception | Error e) {
                LOG.warn("Starting the stream process of connection '{}' failed; closing it", connection.id(), e);
                ctx.close();
            }
        });
        ctx.fireChannelActive();
    }

    private void attach(ChannelHandlerContext ctx, Pid started) {
        pid = started;
        ctx.channel().attr(PROCESS).set(started);
        if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        } else {
            kernel.send(started, new ConnectionEvent.Closed());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof XmlEvent event && pid != null) {
            kernel.send(pid, event);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ConnectionEvent.Idle idle && pid != null) {
            kernel.send(pid, idle);
        } else if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            LOG.info("TLS handshake on connection '{}' failed: {}", connection.id(),
                    String.valueOf(handshake.cause().getMessage()));
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pid != null) {
            kernel.send(pid, new ConnectionEvent.Closed());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof StreamErrorException error) {
            ctx.channel().config().setAutoRead(false);
            if (pid != null) {
                kernel.send(pid, new ConnectionEvent.Failed(error.condition(), error.text()));
            } else {
                ctx.close();
            }
            return;
        }
        if (cause instanceof IOException) {
            LOG.debug("Connection '{}' failed: {}", connection.id(), cause.getMessage());
        } else {
            LOG.warn("Connection '{}' failed; closing it", connection.id(), cause);
        }
        ctx.close();
    }
}
