package dev.tern.server.xml;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the bytes of an incoming XMPP stream into {@link XmlEvent}s.
 *
 * <p>An XMPP stream is one XML document that stays open for the life of the connection, and
 * Woodstox has no non-blocking API. So {@link StreamScanner} scans the bytes as they arrive to
 * find where each unit ends, and only complete units are parsed. Events, in order:
 * <ul>
 *   <li>{@link XmlEvent.StreamOpen} for the stream header, after an optional XML declaration;</li>
 *   <li>{@link XmlEvent.StanzaReceived} for each top-level element;</li>
 *   <li>{@link XmlEvent.StreamClose} for {@code </stream:stream>}; later bytes are discarded.</li>
 * </ul>
 * Whitespace between top-level elements is a keepalive and produces no event. Idle detection
 * belongs in an {@code IdleStateHandler} placed before this decoder, where every read passes.
 *
 * <p>Input that requires a stream error throws {@link StreamErrorException} from
 * {@code decode}, so Netty passes it unwrapped to {@code exceptionCaught} of the following
 * handlers. Events decoded before the error are delivered first. After the error the decoder
 * discards all input until {@link #reset()}.
 *
 * <p>Memory: the decoder consumes every byte it is given. A complete unit is parsed straight
 * from the read buffer; only the bytes of a unit that is still incomplete at the end of a read
 * are copied into a buffer of their own, which is released when the unit completes. An idle
 * stream therefore holds no buffer.
 *
 * <p>Each instance serves one channel and is not sharable.
 */
public final class XmppStreamDecoder extends ByteToMessageDecoder {

    private final XmlLimits limits;
    private final StreamScanner scanner;
    private ByteBuf pending;
    private byte[] wrapperStart;
    private boolean failed;

    /** Creates a decoder with {@link XmlLimits#DEFAULTS}. */
    public XmppStreamDecoder() {
        this(XmlLimits.DEFAULTS);
    }

    /** Creates a decoder that enforces {@code limits}. */
    public XmppStreamDecoder(XmlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.scanner = new StreamScanner(limits);
    }

    /**
     * Starts over, expecting a new stream header. Call it from the channel's event loop when the
     * stream restarts after STARTTLS or SASL success (RFC 6120 sections 5.4.3.3 and 6.4.6), while
     * handling the event that triggered the restart. Bytes that follow in the same read are then
     * decoded as the new stream.
     */
    public void reset() {
        scanner.reset();
        releasePending();
        wrapperStart = null;
        failed = false;
    }

    /** Returns the limits this decoder enforces. */
    public XmlLimits limits() {
        return limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int from = in.readerIndex();
        int to = in.writerIndex();
        if (failed || scanner.isClosed()) {
            in.readerIndex(to);
            return;
        }

        try {
            int end = scanner.scan(in, from, to);
            if (end < 0) {
                if (scanner.inToken()) {
                    bufferIncompleteToken(ctx, in, startOfToken(from), to);
                }
                in.readerIndex(to);
                return;
            }

            ByteBuf token = completeToken(in, from, end);
            in.readerIndex(end);
            try {
                emit(token, out);
            } finally {
                releasePending();
            }
        } catch (StreamErrorException e) {
            failed = true;
            releasePending();
            in.readerIndex(to);
            throw e;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePending();
    }

    /**
     * Returns the capacity in bytes of the buffers this decoder keeps between reads: the copy of
     * an incomplete unit and Netty's cumulation buffer. Zero when no unit is in progress.
     */
    int retainedCapacity() {
        int pendingCapacity = pending == null ? 0 : pending.capacity();
        return pendingCapacity + internalBuffer().capacity();
    }

    private void emit(ByteBuf token, List<Object> out) {
        switch (scanner.completedToken()) {
            case DECLARATION -> XmlDeclaration.validate(token);
            case HEADER -> out.add(openStream(token));
            case EMPTY_HEADER -> {
                out.add(openStream(token));
                out.add(new XmlEvent.StreamClose());
            }
            case ELEMENT -> out.add(new XmlEvent.StanzaReceived(StanzaParser.parseElement(wrapperStart, token)));
            case CLOSE -> out.add(new XmlEvent.StreamClose());
            case NONE -> throw new IllegalStateException("The scanner stopped without completing a token");
        }
    }

    private XmlEvent.StreamOpen openStream(ByteBuf header) {
        XmlEvent.StreamOpen open = StanzaParser.parseHeader(header);
        wrapperStart = StanzaParser.wrapperStart(open.namespaces());
        return open;
    }

    private int startOfToken(int from) {
        int start = scanner.tokenStartIndex();
        return start < 0 ? from : start;
    }

    /**
     * Returns the bytes of the token that ended at {@code end}: a slice of {@code in} if the
     * token started in this read, or else the pending copy with the rest appended.
     */
    private ByteBuf completeToken(ByteBuf in, int from, int end) {
        if (pending == null) {
            int start = startOfToken(from);
            return in.slice(start, end - start);
        }
        pending.writeBytes(in, from, end - from);
        return pending;
    }

    private void bufferIncompleteToken(ChannelHandlerContext ctx, ByteBuf in, int start, int to) {
        int length = to - start;
        if (pending == null) {
            // Sized to the bytes at hand, not to the read buffer, which may be much larger.
            pending = ctx.alloc().heapBuffer(Math.min(Math.max(length, 64), limits.maxStanzaBytes()),
                    limits.maxStanzaBytes());
        }
        pending.writeBytes(in, start, length);
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
