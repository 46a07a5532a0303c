package dev.tern.server.net;

import dev.tern.server.xml.XmppStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * A stream process's handle on its TCP connection: it writes serialized XML, upgrades to TLS,
 * restarts the decoder and closes. Every method is thread-safe; steps that must not interleave
 * with reads run as one task on the channel's event loop.
 *
 * <p>Outgoing bytes are counted from the write call until the socket took them. A write that
 * would take the count above {@code maxQueuedBytes} is refused, so a client that reads too
 * slowly cannot make the server buffer without bound; the caller then closes the stream.
 */
public final class ChannelConnection {

    private final Channel channel;
    private final String id;
    private final SslContext sslContext;
    private final long maxQueuedBytes;
    private static final VarHandle QUEUED_BYTES;

    static {
        try {
            QUEUED_BYTES = MethodHandles.lookup().findVarHandle(ChannelConnection.class, "queuedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Bytes handed to Netty and not yet written; a field, not an AtomicLong, to save 24 bytes a connection. */
    @SuppressWarnings("unused") // updated through QUEUED_BYTES
    private volatile long queuedBytes;

    ChannelConnection(Channel channel, String id, SslContext sslContext, long maxQueuedBytes) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.id = Objects.requireNonNull(id, "id");
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Returns an id of this connection for log messages: a serial number and the peer address. */
    public String id() {
        return id;
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    /** Returns the peer address as {@code host:port}, or null when the channel has none. */
    /** Returns the client's address, or null when the channel has no IP address. */
    public InetSocketAddress remoteSocketAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address : null;
    }

    public String remoteAddressText() {
        return channel.remoteAddress() instanceof InetSocketAddress address
                ? address.getHostString() + ":" + address.getPort()
                : null;
    }

    /** Returns the negotiated TLS version, such as {@code TLSv1.3}, or null before a TLS handshake completed. */
    public String tlsProtocol() {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return null;
        }
        return tls.engine().getSession().getProtocol();
    }

    /** Returns whether TLS protects the connection, from the start (direct TLS) or after STARTTLS. */
    public boolean encrypted() {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Returns the bytes written but not yet taken by the socket. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /**
     * Writes {@code xml} unless that would exceed the outgoing byte budget.
     *
     * @return false when the budget is exhausted and nothing was written
     */
    public boolean send(String xml) {
        ByteBuf bytes = ByteBufUtil.writeUtf8(channel.alloc(), xml);
        int length = bytes.readableBytes();
        if ((long) QUEUED_BYTES.getAndAdd(this, (long) length) + length > maxQueuedBytes) {
            QUEUED_BYTES.getAndAdd(this, (long) -length);
            bytes.release();
            return false;
        }
        channel.writeAndFlush(bytes).addListener(future -> QUEUED_BYTES.getAndAdd(this, (long) -length));
        return true;
    }

    /** Writes {@code xml}, which must be small, past the budget, then closes the connection. */
    public void sendAndClose(String xml) {
        channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), xml)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes the connection once everything written so far has been sent. */
    public void close() {
        channel.writeAndFlush(channel.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Sends {@code proceed} in clear text, then puts TLS in front of the pipeline and resets the
     * decoder for the new stream (RFC 6120 section 5.4.3.3). All in one event-loop task, so the
     * client's TLS handshake cannot arrive before the handler is in place.
     */
    public void startTls(String proceed) {
        channel.eventLoop().execute(() -> {
            channel.writeAndFlush(ByteBufUtil.writeUtf8(channel.alloc(), proceed));
            channel.pipeline().addFirst(C2sPipeline.TLS, sslContext.newHandler(channel.alloc()));
            decoder().reset();
        });
    }

    /**
     * Resets the decoder, then writes {@code last}, the element after which the client restarts
     * the stream (SASL {@code <success/>}, RFC 6120 section 6.4.6). The reset comes first, in the
     * same event-loop task, so the client's new header is always read by a fresh decoder.
     */
    public void restartStreamAfter(String last) {
        channel.eventLoop().execute(() -> {
            decoder().reset();
            send(last);
        });
    }

    private XmppStreamDecoder decoder() {
        return channel.pipeline().get(XmppStreamDecoder.class);
    }

    @Override
    public String toString() {
        return id;
    }
}
