package dev.tern.server.net;

import dev.tern.kernel.Kernel;
import dev.tern.server.config.ServerConfig;
import dev.tern.server.xml.XmlLimits;
import dev.tern.server.xml.XmppStreamDecoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the pipeline of a client connection:
 * [TLS, for direct TLS] → rate limit → idle (ping interval and idle timeout) → XML decoder → forwarder.
 * STARTTLS later inserts the TLS handler in front.
 */
final class C2sPipeline extends ChannelInitializer<SocketChannel> {

    static final String TLS = "tls";

    private static final AtomicLong CONNECTION_SERIALS = new AtomicLong();

    private final Kernel kernel;
    private final ServerConfig.C2s settings;
    private final XmlLimits limits;
    private final SslContext sslContext;
    private final boolean directTls;
    private final StreamStarter starter;
    private final ChannelGroup channels;
    private final Executor starterExecutor;

    C2sPipeline(Kernel kernel, ServerConfig config, SslContext sslContext, boolean directTls, StreamStarter starter,
            ChannelGroup channels, Executor starterExecutor) {
        this.kernel = kernel;
        this.settings = config.c2s();
        this.limits = config.xmlLimits();
        this.sslContext = sslContext;
        this.directTls = directTls;
        this.starter = starter;
        this.channels = channels;
        this.starterExecutor = starterExecutor;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        String id = "c2s-" + CONNECTION_SERIALS.incrementAndGet() + " " + channel.remoteAddress();
        ChannelConnection connection = new ChannelConnection(channel, id, sslContext, settings.maxOutgoingQueueBytes());

        ChannelPipeline pipeline = channel.pipeline();
        if (directTls) {
            pipeline.addLast(TLS, sslContext.newHandler(channel.alloc()));
        }
        pipeline.addLast("rate-limit", new InboundRateLimiter(settings.rateBytesPerSecond(), settings.rateBurstBytes()));
        pipeline.addLast("idle", new StreamIdleHandler(settings.pingInterval(), settings.idleTimeout()));
        pipeline.addLast("decoder", new XmppStreamDecoder(limits));
        pipeline.addLast("stream", new StreamEventForwarder(kernel, starter, connection, starterExecutor));
    }
}
