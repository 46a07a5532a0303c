package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends hostile or invalid input over a plain socket to the STARTTLS port, before any TLS, and
 * checks the exact stream error, that the server closes the stream, and that a Smack session
 * connected meanwhile is untouched.
 */
class RawStreamTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    private static final Pattern STREAM_ERROR = Pattern.compile(
            "<stream:error><([a-z-]+) xmlns=[\"']urn:ietf:params:xml:ns:xmpp-streams[\"']");

    private static TestServer server;
    private static XMPPTCPConnection bystander;

    @BeforeAll
    static void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        server = TestServer.start("bystander");
        bystander = new SmackClients(server).login("bystander", "watch");
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.disconnect();
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    static Stream<Arguments> badInput() {
        String oversized = "<message><body>" + "a".repeat(300 * 1024);
        return Stream.of(
                Arguments.of("DTD before header",
                        utf8("<?xml version='1.0'?><!DOCTYPE s [<!ENTITY x 'y'>]>" + HEADER), "restricted-xml"),
                Arguments.of("entity expansion", utf8(HEADER + "<message><body>&xxe;</body></message>"),
                        "restricted-xml"),
                Arguments.of("comment", utf8(HEADER + "<!-- hello -->"), "restricted-xml"),
                Arguments.of("unclosed tag over size limit", utf8(HEADER + oversized), "policy-violation"),
                Arguments.of("deep nesting", utf8(HEADER + "<message>" + "<a>".repeat(100)), "policy-violation"),
                Arguments.of("invalid UTF-8", concat(utf8(HEADER + "<message><body>"), new byte[] {(byte) 0xC3, 0x28},
                        utf8("</body></message>")), "not-well-formed"),
                Arguments.of("stanza before authentication",
                        utf8(HEADER + "<message to='bystander@localhost'><body>hi</body></message>"), "not-authorized"),
                Arguments.of("unknown top-level element", utf8(HEADER + "<foo xmlns='urn:example:foo'/>"),
                        "unsupported-stanza-type"),
                Arguments.of("wrong domain", utf8(HEADER.replace("to='localhost'", "to='example.org'")), "host-unknown"),
                Arguments.of("missing to", utf8(HEADER.replace("to='localhost' ", "")), "host-unknown"),
                Arguments.of("server content namespace", utf8(HEADER.replace("jabber:client", "jabber:server")),
                        "invalid-namespace"),
                Arguments.of("wrong stream namespace",
                        utf8(HEADER.replace("http://etherx.jabber.org/streams", "urn:example:streams")),
                        "invalid-namespace"),
                Arguments.of("old version", utf8(HEADER.replace("version='1.0'>", "version='0.9'>")),
                        "unsupported-version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputGetsStreamError(String name, byte[] input, String condition) throws Exception {
        String response = exchange(input);

        assertThat(response).as("server header before the error").contains("<stream:stream ");
        assertThat(response).contains("from='localhost'");
        assertThat(conditionOf(response)).isEqualTo(condition);
        assertThat(response).as("stream closed by the server").endsWith("</stream:stream>");
        assertBystanderUntouched();
    }

    @Test
    void headerGetsFeaturesWithRequiredStarttls() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(utf8(HEADER));
            String response = readUntil(socket.getInputStream(), "</stream:features>");

            assertThat(response).startsWith("<?xml version='1.0'?><stream:stream ");
            assertThat(response).contains("version='1.0'").contains("xml:lang='en'").containsPattern("id='[0-9a-f]{32}'");
            assertThat(response).contains("<starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"><required/></starttls>");
            assertThat(response).as("no mechanisms before TLS").doesNotContain("mechanisms");
        }
    }

    @Test
    void authBeforeTlsFailsWithEncryptionRequired() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(utf8(HEADER));
            readUntil(socket.getInputStream(), "</stream:features>");
            socket.getOutputStream().write(utf8("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + "AGJ5c3RhbmRlcgB4</auth>"));
            String response = readUntil(socket.getInputStream(), "</failure>");

            assertThat(response).startsWith("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><encryption-required/>");
        }
        assertBystanderUntouched();
    }

    @Test
    void clientCloseIsAnsweredWithClose() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(utf8(HEADER));
            readUntil(socket.getInputStream(), "</stream:features>");
            socket.getOutputStream().write(utf8("</stream:stream>"));

            assertThat(readToEnd(socket.getInputStream())).isEqualTo("</stream:stream>");
        }
    }

    private static String exchange(byte[] input) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(input);
                out.flush();
            } catch (IOException e) {
                // The server may close before it has read everything, as for the oversized stanza.
            }
            // The server waits for our close tag after its own, then closes the connection (RFC 6120 section 4.4).
            String response = readUntilClose(socket.getInputStream());
            try {
                out.write(utf8("</stream:stream>"));
            } catch (IOException e) {
                // Already closed by the server, which is also correct after a read error.
            }
            assertThat(readToEnd(socket.getInputStream())).as("nothing after the close tag").isEmpty();
            return response;
        }
    }

    private static String readUntilClose(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!received.toString(StandardCharsets.UTF_8).endsWith("</stream:stream>")) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.write(buffer, 0, read);
            }
        } catch (java.net.SocketException e) {
            // A reset after the server closed while our input was unread; what arrived before counts.
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.server.c2sPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String conditionOf(String response) {
        Matcher matcher = STREAM_ERROR.matcher(response);
        assertThat(matcher.find()).as("stream error in %s", response).isTrue();
        return matcher.group(1);
    }

    private static void assertBystanderUntouched() {
        assertThat(bystander.isConnected()).isTrue();
        assertThat(bystander.isAuthenticated()).isTrue();
        // A round trip through the server proves the session is served, not just open.
        IQ probe = new IQ("query", "urn:example:tern:probe") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.setEmptyElement();
                return xml;
            }
        };
        probe.setType(IQ.Type.get);
        probe.setTo(JidCreate.domainBareFromOrThrowUnchecked("localhost"));
        assertThatThrownBy(() -> bystander.sendIqRequestAndWaitForResponse(probe))
                .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.UTF_8).contains(end)) {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            received.write(buffer, 0, read);
        }
        String text = received.toString(StandardCharsets.UTF_8);
        int endIndex = text.indexOf(end);
        assertThat(endIndex).as("'%s' in %s", end, text).isNotNegative();
        String result = text.substring(0, endIndex + end.length());
        int headerEnd = result.indexOf("<stream:features>");
        return end.equals("</stream:features>") || headerEnd < 0 ? result : result.substring(headerEnd);
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        try {
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (java.net.SocketException e) {
            // A reset after the server closed while input was unread; what arrived before counts.
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
