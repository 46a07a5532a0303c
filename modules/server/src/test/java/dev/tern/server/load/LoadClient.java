package dev.tern.server.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client half of the footprint measurement: opens {@code N} direct TLS connections to
 * {@link LoadServer} on loopback, each authenticating with PLAIN and binding its own resource,
 * then keeps them open until the server closes them. One virtual thread per connection; at most
 * {@code CONCURRENCY} negotiate at once. Bounded: it gives up after the deadline.
 *
 * <p>Usage: {@code LoadClient N WORK_FOLDER [CONCURRENCY]}.
 */
public final class LoadClient {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    private static final long DEADLINE_MINUTES = 12;

    private LoadClient() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int port = Integer.parseInt(Files.readString(work.resolve("port")).trim());
        SSLContext tls = trusting(Files.readString(work.resolve("server.crt")));

        Semaphore negotiating = new Semaphore(concurrency);
        AtomicInteger bound = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String resource = "r" + i;
                sessions.add(threads.submit(() -> {
                    // Connect only with a permit: the server drops a TLS connection that sends no handshake in 10 s.
                    negotiating.acquire();
                    boolean released = false;
                    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(
                            InetAddress.getLoopbackAddress(), port)) {
                        negotiate(socket, resource);
                        bound.incrementAndGet();
                        negotiating.release();
                        released = true;
                        // Hold the session until the server closes it.
                        while (socket.getInputStream().read() >= 0) {
                            // Discard pings and the final stream error.
                        }
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 5) {
                            System.err.println("Session " + resource + " failed: " + e);
                        }
                    } finally {
                        if (!released) {
                            negotiating.release();
                        }
                    }
                    return null;
                }));
            }
            while (bound.get() + failed.get() < count
                    && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(DEADLINE_MINUTES)) {
                Thread.sleep(500);
            }
            System.out.printf("Bound %d sessions (%d failed) in %.1f s%n", bound.get(), failed.get(),
                    (System.nanoTime() - started) / 1e9);
            threads.shutdown();
            if (!threads.awaitTermination(DEADLINE_MINUTES, TimeUnit.MINUTES)) {
                threads.shutdownNow();
            }
        }
    }

    private static void negotiate(SSLSocket socket, String resource) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        String credentials = Base64.getEncoder().encodeToString(
                ("\0" + LoadServer.USER + "\0" + LoadServer.PASSWORD).getBytes(StandardCharsets.UTF_8));

        send(out, HEADER);
        readUntil(in, "</stream:features>");
        send(out, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
        String reply = readUntil(in, "/>");
        if (!reply.contains("<success")) {
            throw new IOException("Authentication failed: " + reply);
        }
        send(out, HEADER);
        readUntil(in, "</stream:features>");
        send(out, "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        String bindReply = readUntil(in, "</iq>");
        if (!bindReply.contains("type=\"result\"")) {
            throw new IOException("Binding failed: " + bindReply);
        }
    }

    private static void send(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[2048];
        while (received.indexOf(end) < 0) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("Connection closed while waiting for '" + end + "' after: " + received);
            }
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return received.toString();
    }

    private static SSLContext trusting(String certificateBase64) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(certificateBase64);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("tern", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der)));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
