package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLSocket;

/**
 * A client on a raw direct TLS stream (XEP-0368) that authenticates with SASL PLAIN, binds a
 * resource and then reads the server's output as text, so tests see the exact bytes.
 */
final class RawTlsClient implements AutoCloseable {

    static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    private final SSLSocket socket;
    private final OutputStream out;
    private final InputStream in;
    private final StringBuilder unread = new StringBuilder();

    private RawTlsClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Opens a direct TLS stream with the system's receive buffer, logs in as {@code user} and binds {@code resource}. */
    static RawTlsClient boundTo(TestServer server, String user, String resource) throws Exception {
        return boundTo(server, user, resource, 0);
    }

    /**
     * Opens a direct TLS stream, logs in as {@code user} and binds {@code resource}. A positive
     * {@code receiveBufferBytes} is set before connecting, because the TCP window is negotiated
     * at connect time; 0 keeps the system's size.
     */
    static RawTlsClient boundTo(TestServer server, String user, String resource, int receiveBufferBytes)
            throws Exception {
        SSLSocket socket = (SSLSocket) server.clientSslContext().getSocketFactory().createSocket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.server.directTlsPort()), 10_000);
        socket.setSoTimeout(10_000);
        RawTlsClient client = new RawTlsClient(socket);
        try {
            client.send(HEADER);
            client.readThrough("</stream:features>");
            String credentials = Base64.getEncoder().encodeToString(
                    ("\0" + user + "\0" + TestServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
            client.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
            assertThat(client.readThrough("/>")).as("the SASL outcome").startsWith("<success ");

            client.send(HEADER);
            assertThat(client.readThrough("</stream:features>")).as("the features after authentication")
                    .contains("<bind xmlns=\"urn:ietf:params:xml:ns:xmpp-bind\"/>");
            client.send("<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                    + resource + "</resource></bind></iq>");
            assertThat(client.readThrough("</iq>")).as("the bind result")
                    .contains("type=\"result\"")
                    .contains("<jid>" + user + "@localhost/" + resource + "</jid>");
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Returns the output up to and including the first {@code end}, and keeps the rest for the next read. */
    String readThrough(String end) throws IOException {
        byte[] buffer = new byte[4096];
        while (unread.indexOf(end) < 0) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("The server closed the stream while the test waited for '" + end
                        + "'; received: " + unread);
            }
            unread.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        int length = unread.indexOf(end) + end.length();
        String text = unread.substring(0, length);
        unread.delete(0, length);
        return text;
    }

    /**
     * Returns everything until the server closes the connection. A reset counts as the end,
     * because the server may close while some of our input is still unread.
     */
    String readToEnd() throws IOException {
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                unread.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (SocketException e) {
            // Reset by the server after it closed; what arrived before counts.
        }
        String text = unread.toString();
        unread.setLength(0);
        return text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
