package dev.tern.server.net;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.Pid;
import dev.tern.server.config.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client listeners: the STARTTLS port and, unless disabled, the direct TLS port
 * (XEP-0368). They share one small event loop group, epoll where the platform has it and NIO
 * elsewhere, so connections cost no thread each.
 */
public final class C2sListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(C2sListeners.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ChannelGroup channels;
    private final ExecutorService starterExecutor;
    private final Channel starttlsChannel;
    private final Channel directTlsChannel;

    private C2sListeners(EventLoopGroup bossGroup, EventLoopGroup workerGroup, ChannelGroup channels,
            ExecutorService starterExecutor, Channel starttlsChannel, Channel directTlsChannel) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.channels = channels;
        this.starterExecutor = starterExecutor;
        this.starttlsChannel = starttlsChannel;
        this.directTlsChannel = directTlsChannel;
    }

    /**
     * Binds the listeners and returns once they accept connections.
     *
     * @throws IllegalStateException naming the address and port when binding fails
     */
    public static C2sListeners start(Kernel kernel, ServerConfig config, SslContext sslContext, StreamStarter starter) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, ioHandlers);
        EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                ioHandlers);
        ChannelGroup channels = new DefaultChannelGroup("c2s", GlobalEventExecutor.INSTANCE);
        ExecutorService starterExecutor = Executors.newVirtualThreadPerTaskExecutor();

        Function<Boolean, ServerBootstrap> bootstrap = directTls -> new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new C2sPipeline(kernel, config, sslContext, directTls, starter, channels,
                        starterExecutor));

        ServerConfig.C2s c2s = config.c2s();
        try {
            Channel starttls = bind(bootstrap.apply(false), c2s.bindAddress(), c2s.port());
            Channel directTls = c2s.directTlsEnabled() ? bind(bootstrap.apply(true), c2s.bindAddress(),
                    c2s.directTlsPort()) : null;
            LOG.info("Listening for clients on '{}' (STARTTLS) and '{}' (direct TLS) with {}", starttls.localAddress(),
                    directTls == null ? "disabled" : directTls.localAddress(), epoll ? "epoll" : "NIO");
            return new C2sListeners(bossGroup, workerGroup, channels, starterExecutor, starttls, directTls);
        } catch (RuntimeException e) {
            bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            starterExecutor.shutdown();
            throw e;
        }
    }

    private static Channel bind(ServerBootstrap bootstrap, String address, int port) {
        try {
            return bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
        } catch (Exception e) {
            throw new IllegalStateException("Binding the client listener to '" + address + ":" + port + "' failed: "
                    + e.getMessage() + "; free the port or set c2s.port, c2s.direct_tls.port or c2s.bind_address", e);
        }
    }

    /** Returns the bound STARTTLS port, useful when the configuration asked for port 0. */
    public int starttlsPort() {
        return ((InetSocketAddress) starttlsChannel.localAddress()).getPort();
    }

    /** Returns the bound direct TLS port, or -1 when that listener is disabled. */
    public int directTlsPort() {
        return directTlsChannel == null ? -1 : ((InetSocketAddress) directTlsChannel.localAddress()).getPort();
    }

    /** Returns the number of open client connections. */
    public int connectionCount() {
        return channels.size();
    }

    /** Stops accepting connections; open ones stay open. */
    public void stopAccepting() {
        starttlsChannel.close().syncUninterruptibly();
        if (directTlsChannel != null) {
            directTlsChannel.close().syncUninterruptibly();
        }
    }

    /**
     * Sends {@code message} to the stream process of every open connection, then waits up to
     * {@code timeout} for the connections to close.
     *
     * @return whether all connections closed in time
     */
    public boolean closeAll(Kernel kernel, Object message, Duration timeout) {
        for (Channel channel : channels) {
            Pid pid = channel.attr(StreamEventForwarder.PROCESS).get();
            if (pid != null) {
                kernel.send(pid, message);
            } else {
                channel.close();
            }
        }
        return channels.newCloseFuture().awaitUninterruptibly(timeout.toMillis());
    }

    /** Closes the listeners and every remaining connection, and stops the event loops. */
    @Override
    public void close() {
        stopAccepting();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        starterExecutor.shutdown();
    }
}
