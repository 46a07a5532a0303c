package dev.tern.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/** TLS handshakes of a JDK client against a Netty server on a loopback port. */
class ServerSslContextsTest {

    private static final int TIMEOUT_SECONDS = 10;

    @TempDir
    Path dataDir;

    private EventLoopGroup group;
    private Channel serverChannel;
    private CompletableFuture<String> serverHandshake;

    @BeforeEach
    void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        serverHandshake = new CompletableFuture<>();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (serverChannel != null) {
            serverChannel.close().sync();
        }
        group.shutdownGracefully(0, TIMEOUT_SECONDS, TimeUnit.SECONDS).sync();
    }

    @Test
    void selfSignedContextHandshakesTls13() throws Exception {
        SslContext context = ServerSslContexts.build(TlsSettings.selfSigned("example.com", dataDir), Clock.systemUTC());
        int port = startServer(context);

        try (SSLSocket socket = connect(port, "TLSv1.3", "TLSv1.2")) {
            SSLSession session = socket.getSession();

            assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
            X509Certificate peer = (X509Certificate) session.getPeerCertificates()[0];
            assertThat(peer.getSubjectX500Principal().getName()).isEqualTo("CN=example.com");
            assertThat(peer).isEqualTo(TlsMaterial.load(TlsSettings.selfSigned("example.com", dataDir),
                    Clock.systemUTC()).certificate());
        }
        assertThat(serverHandshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("TLSv1.3");
    }

    @Test
    void tls12ClientAccepted() throws Exception {
        int port = startServer(ServerSslContexts.build(TlsSettings.selfSigned("example.com", dataDir),
                Clock.systemUTC()));

        try (SSLSocket socket = connect(port, "TLSv1.2")) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
        assertThat(serverHandshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("TLSv1.2");
    }

    @Test
    void pemContextHandshakes() throws Exception {
        TlsMaterial generated = SelfSignedKeyStore.loadOrCreate(dataDir.resolve("source"), "pem.example",
                Clock.systemUTC());
        Path chain = PemTestFiles.writeCertificate(dataDir.resolve("chain.pem"), generated.certificate());
        Path key = PemTestFiles.writeKey(dataDir.resolve("key.pem"), "PRIVATE KEY", generated.privateKey().getEncoded());
        int port = startServer(ServerSslContexts.build(new TlsSettings("pem.example", dataDir, chain, key),
                Clock.systemUTC()));

        try (SSLSocket socket = connect(port, "TLSv1.3")) {
            assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(generated.certificate());
        }
        assertThat(serverHandshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("TLSv1.3");
    }

    @Test
    void contextEnablesOnlyTls12And13() {
        SslContext context = ServerSslContexts.build(TlsSettings.selfSigned("example.com", dataDir), Clock.systemUTC());

        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);

        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getUseClientMode()).isFalse();
    }

    private int startServer(SslContext context) throws InterruptedException {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SslHandler handler = context.newHandler(channel.alloc());
                        handler.handshakeFuture().addListener(future -> {
                            if (future.isSuccess()) {
                                serverHandshake.complete(handler.engine().getSession().getProtocol());
                            } else {
                                serverHandshake.completeExceptionally(future.cause());
                            }
                        });
                        channel.pipeline().addLast(handler);
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    private static SSLSocket connect(int port, String... protocols) throws Exception {
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new InsecureTrustManager()}, null);
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(TIMEOUT_SECONDS * 1000);
        socket.setEnabledProtocols(protocols);
        socket.startHandshake();
        return socket;
    }

    /** Trusts every certificate, because the test certificates are self-signed. Test use only. */
    private static final class InsecureTrustManager implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
