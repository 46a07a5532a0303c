package dev.tern.server.net;

import dev.tern.server.xml.StreamErrorException;
import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Limits the bytes a connection may send with a token bucket: {@code burstBytes} tokens at
 * most, refilled at {@code bytesPerSecond}. A read larger than the tokens left ends the stream
 * with {@code policy-violation}, and later reads are discarded. It counts decrypted bytes, as it
 * sits after the TLS handler.
 */
final class InboundRateLimiter extends ChannelInboundHandlerAdapter {

    private final long bytesPerSecond;
    private final long burstBytes;
    private long tokens;
    private long refilledAtNanos;
    private boolean exceeded;

    InboundRateLimiter(long bytesPerSecond, long burstBytes) {
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.tokens = burstBytes;
        this.refilledAtNanos = System.nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (exceeded) {
            ReferenceCountUtil.release(msg);
            return;
        }

        refill();
        int length = bytes.readableBytes();
        if (length > tokens) {
            exceeded = true;
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(new StreamErrorException(StreamErrorCondition.POLICY_VIOLATION,
                    "You sent more than " + bytesPerSecond + " bytes per second (burst " + burstBytes
                            + " bytes); slow down"));
            return;
        }
        tokens -= length;
        ctx.fireChannelRead(msg);
    }

    private void refill() {
        long now = System.nanoTime();
        long elapsed = now - refilledAtNanos;
        long earned = (long) (elapsed / 1e9 * bytesPerSecond);
        if (earned > 0) {
            tokens = Math.min(burstBytes, tokens + earned);
            refilledAtNanos = now;
        }
    }
}
