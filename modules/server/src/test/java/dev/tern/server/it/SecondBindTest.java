package dev.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.server.testing.Await;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.StanzaError;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends a second resource binding request on a raw direct TLS stream that already has a resource
 * bound. Checks the exact stanza error and that the stream still carries stanzas both ways under
 * its first resource. A Smack session connected meanwhile must stay untouched.
 */
class SecondBindTest {

    private static final String USER = "binder";
    /** The start tag of the error reply to a request without 'to': no 'from' or 'to', as the stream implies both. */
    private static final String UNADDRESSED_REPLY = "<iq id=\"bind-2\" type=\"error\">";
    private static final Pattern ID = Pattern.compile("\\bid=[\"']([^\"']+)[\"']");

    private static TestServer server;
    private static XMPPTCPConnection bystander;
    private static CompletableFuture<StreamError.Condition> bystanderClosed;

    @BeforeAll
    static void start() throws Exception {
        SASLAuthentication.registerSASLMechanism(new SmackScramSha256());
        server = TestServer.start(USER, "bystander");
        bystander = new SmackClients(server).login("bystander", "watch");
        bystanderClosed = StreamClosures.watch(bystander);
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.disconnect();
        SASLAuthentication.unregisterSASLMechanism(SmackScramSha256.class.getName());
        server.close();
    }

    /**
     * Returns the cases: name, the first resource, the second request, and the start tag of the
     * error reply. Each case binds its own first resource, so that no case waits for the previous
     * stream's session to end.
     */
    static Stream<Arguments> secondBindRequests() {
        String bind = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'";
        return Stream.of(
                Arguments.of("empty bind", "laptop",
                        "<iq type='set' id='bind-2'>" + bind + "/></iq>",
                        UNADDRESSED_REPLY),
                Arguments.of("another resource", "phone",
                        "<iq type='set' id='bind-2'>" + bind + "><resource>second</resource></bind></iq>",
                        UNADDRESSED_REPLY),
                Arguments.of("the bound resource again", "tablet",
                        "<iq type='set' id='bind-2'>" + bind + "><resource>tablet</resource></bind></iq>",
                        UNADDRESSED_REPLY),
                Arguments.of("addressed to the domain", "desk",
                        "<iq type='set' id='bind-2' to='localhost'>" + bind + "/></iq>",
                        "<iq from=\"localhost\" id=\"bind-2\" type=\"error\">"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secondBindRequests")
    void secondBindGetsNotAllowed(String name, String firstResource, String secondBind, String replyStart)
            throws Exception {
        String fullJid = USER + "@localhost/" + firstResource;

        try (RawTlsClient client = RawTlsClient.boundTo(server, USER, firstResource)) {
            client.send(secondBind);
            String reply = client.readThrough("</iq>");

            // RFC 6120 section 7.6.2.2: <not-allowed/> of type cancel, without the request's payload.
            assertThat(reply).isEqualTo(replyStart + "<error type=\"cancel\">"
                    + "<not-allowed xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
                    + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\" xml:lang=\"" + StanzaError.TEXT_LANGUAGE
                    + "\">This stream already has the resource '" + firstResource
                    + "'; open another stream to bind another resource</text></error></iq>");
            assertThat(server.server.sessions().entries(Jid.parse(USER + "@localhost")))
                    .extracting(entry -> entry.fullJid().toString())
                    .as("the account's sessions after the second bind")
                    .containsExactly(fullJid);

            assertStreamStillBound(client, fullJid);

            client.send("</stream:stream>");
            assertThat(client.readToEnd()).as("the server's close after ours").endsWith("</stream:stream>");
        }
        // The next case expects this account to have no other session.
        Await.until(fullJid + " unbound", () -> server.server.sessions().find(Jid.parse(fullJid)).isEmpty());
        assertThat(bystanderClosed).as("the bystander's connection").isNotDone();
        assertThat(bystander.isAuthenticated()).isTrue();
    }

    /** Sends an IQ from the bystander to {@code fullJid} and returns its result from the raw stream. */
    private static void assertStreamStillBound(RawTlsClient client, String fullJid) throws Exception {
        IQ probe = new IQ("query", "urn:example:tern:probe") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.setEmptyElement();
                return xml;
            }
        };
        probe.setType(IQ.Type.get);
        probe.setTo(JidCreate.entityFullFrom(fullJid));
        SmackFuture<IQ, Exception> answer = bystander.sendIqRequestAsync(probe);

        String request = client.readThrough("</iq>");
        assertThat(request).as("the probe delivered to the first resource")
                .startsWith("<iq ")
                .contains("to=\"" + fullJid + "\"")
                .contains("from=\"bystander@localhost/watch\"")
                .contains("<query xmlns=\"urn:example:tern:probe\"");
        Matcher id = ID.matcher(request);
        assertThat(id.find()).as("an id in %s", request).isTrue();
        client.send("<iq type='result' id='" + id.group(1) + "' to='bystander@localhost/watch'/>");

        IQ result = answer.getOrThrow();
        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(result.getFrom().toString()).isEqualTo(fullJid);
    }
}
