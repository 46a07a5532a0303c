package dev.tern.server.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XmppStreamDecoderTest {

    static final String HEADER = "<stream:stream to='example.com' xmlns='jabber:client'"
            + " xmlns:stream='http://etherx.jabber.org/streams' version='1.0' xml:lang='en'>";

    private static final String CLIENT_STREAM = "<?xml version='1.0'?>\n"
            + HEADER + "\n"
            + "  <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\n"
            + "<message to='romeo@example.net/orchard' id='m1' type='chat'>"
            + "<body>Caf\u00e9 &amp; \uD83D\uDE00 &lt;3 &#x263A; &#65; &quot;&apos;&gt;</body>"
            + "<x:delay xmlns:x='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z' x:from='a&amp;b'/>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "<p style=\"color:red\">Hi <b>there</b></p></body></html></message>\r\n\t"
            + "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
            + "<resource><![CDATA[balcony <&> ]]]]></resource></bind></iq>"
            + "<presence/> \n"
            + "</stream:stream>";

    private static List<XmlEvent> expectedClientEvents() {
        Element header = Element.builder(Namespaces.STREAMS, "stream")
                .attribute("to", "example.com")
                .attribute("version", "1.0")
                .attribute(Namespaces.XML, "lang", "en")
                .build();
        String xhtml = "http://www.w3.org/1999/xhtml";
        Element message = Element.builder(Namespaces.CLIENT, "message")
                .attribute("to", "romeo@example.net/orchard")
                .attribute("id", "m1")
                .attribute("type", "chat")
                .child(Element.builder(Namespaces.CLIENT, "body")
                        .text("Caf\u00e9 & \uD83D\uDE00 <3 \u263A A \"'>").build())
                .child(Element.builder(Namespaces.DELAY, "delay")
                        .attribute("stamp", "2024-01-01T00:00:00Z")
                        .attribute(Namespaces.DELAY, "from", "a&b")
                        .build())
                .child(Element.builder("http://jabber.org/protocol/xhtml-im", "html")
                        .child(Element.builder(xhtml, "body")
                                .child(Element.builder(xhtml, "p")
                                        .attribute("style", "color:red")
                                        .text("Hi ")
                                        .child(Element.builder(xhtml, "b").text("there").build())
                                        .build())
                                .build())
                        .build())
                .build();
        Element iq = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", "set")
                .attribute("id", "b1")
                .child(Element.builder(Namespaces.BIND, "bind")
                        .child(Element.builder(Namespaces.BIND, "resource").text("balcony <&> ]]").build())
                        .build())
                .build();
        return List.of(
                new XmlEvent.StreamOpen(header, Map.of("", Namespaces.CLIENT, "stream", Namespaces.STREAMS)),
                new XmlEvent.StanzaReceived(Element.of(Namespaces.TLS, "starttls")),
                new XmlEvent.StanzaReceived(message),
                new XmlEvent.StanzaReceived(iq),
                new XmlEvent.StanzaReceived(Element.of(Namespaces.CLIENT, "presence")),
                new XmlEvent.StreamClose());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<XmlEvent> decode(XmlLimits limits, byte[]... chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(limits));
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        List<XmlEvent> events = readEvents(channel);
        assertThat(channel.finishAndReleaseAll()).isFalse();
        return events;
    }

    static List<XmlEvent> readEvents(EmbeddedChannel channel) {
        List<XmlEvent> events = new ArrayList<>();
        for (Object event = channel.readInbound(); event != null; event = channel.readInbound()) {
            events.add((XmlEvent) event);
        }
        return events;
    }

    static byte[][] split(byte[] bytes, int... cuts) {
        byte[][] chunks = new byte[cuts.length + 1][];
        int start = 0;
        for (int i = 0; i < cuts.length; i++) {
            chunks[i] = Arrays.copyOfRange(bytes, start, cuts[i]);
            start = cuts[i];
        }
        chunks[cuts.length] = Arrays.copyOfRange(bytes, start, bytes.length);
        return chunks;
    }

    @Test
    void clientStreamProducesEvents() {
        List<XmlEvent> events = decode(XmlLimits.DEFAULTS, utf8(CLIENT_STREAM));

        assertThat(events).containsExactlyElementsOf(expectedClientEvents());
    }

    @Test
    void streamOpenExposesHeaderAttributes() {
        XmlEvent.StreamOpen open = (XmlEvent.StreamOpen) decode(XmlLimits.DEFAULTS, utf8(HEADER)).getFirst();

        assertThat(open.to()).isEqualTo("example.com");
        assertThat(open.from()).isNull();
        assertThat(open.id()).isNull();
        assertThat(open.version()).isEqualTo("1.0");
        assertThat(open.language()).isEqualTo("en");
        assertThat(open.contentNamespace()).isEqualTo(Namespaces.CLIENT);
    }

    @Test
    void everySplitPointGivesSameEvents() {
        byte[] bytes = utf8(CLIENT_STREAM);
        List<XmlEvent> expected = expectedClientEvents();

        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(decode(XmlLimits.DEFAULTS, split(bytes, cut)))
                    .as("input split at byte %d", cut)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void singleByteChunksGiveSameEvents() {
        byte[] bytes = utf8(CLIENT_STREAM);
        byte[][] chunks = new byte[bytes.length][];
        for (int i = 0; i < bytes.length; i++) {
            chunks[i] = new byte[] {bytes[i]};
        }

        assertThat(decode(XmlLimits.DEFAULTS, chunks)).containsExactlyElementsOf(expectedClientEvents());
    }

    @Test
    void randomChunksGiveSameEvents() {
        byte[] bytes = utf8(CLIENT_STREAM);
        Random random = new Random(6120);

        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(5, 1, bytes.length).sorted().distinct().toArray();
            assertThat(decode(XmlLimits.DEFAULTS, split(bytes, cuts)))
                    .as("input split at %s", Arrays.toString(cuts))
                    .containsExactlyElementsOf(expectedClientEvents());
        }
    }

    @Test
    void multiByteCharactersSplitAcrossChunks() {
        String stanza = "<message><body>\u00e9\u263A\uD83D\uDE00\u4E2D</body></message>";
        byte[] bytes = utf8(HEADER + stanza);
        Element expected = Element.builder(Namespaces.CLIENT, "message")
                .child(Element.builder(Namespaces.CLIENT, "body").text("\u00e9\u263A\uD83D\uDE00\u4E2D").build())
                .build();
        int bodyStart = utf8(HEADER + "<message><body>").length;

        // Cut inside the 2-, 3- and 4-byte sequences, and between all of their bytes at once.
        for (int cut = bodyStart + 1; cut < bodyStart + 12; cut++) {
            assertThat(decode(XmlLimits.DEFAULTS, split(bytes, cut)))
                    .as("input split at byte %d", cut)
                    .last()
                    .isEqualTo(new XmlEvent.StanzaReceived(expected));
        }
        int[] everyByte = java.util.stream.IntStream.range(bodyStart + 1, bodyStart + 12).toArray();
        assertThat(decode(XmlLimits.DEFAULTS, split(bytes, everyByte)).getLast())
                .isEqualTo(new XmlEvent.StanzaReceived(expected));
    }

    @Test
    void whitespaceKeepaliveEmitsNothing() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(utf8(HEADER)));
        assertThat(readEvents(channel)).hasSize(1);

        channel.writeInbound(Unpooled.wrappedBuffer(utf8(" ")));
        channel.writeInbound(Unpooled.wrappedBuffer(utf8("\r\n\t ")));

        assertThat(readEvents(channel)).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(utf8("<presence/>")));
        assertThat(readEvents(channel)).containsExactly(
                new XmlEvent.StanzaReceived(Element.of(Namespaces.CLIENT, "presence")));
        channel.finishAndReleaseAll();
    }

    @Test
    void declarationVariantsAreAccepted() {
        for (String declaration : List.of("<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes' ?>",
                "<?xml version='1.0' encoding='UTF-8'?>", "\n<?xml version = '1.0'?>", "\uFEFF<?xml version='1.0'?>",
                "\uFEFF")) {
            assertThat(decode(XmlLimits.DEFAULTS, utf8(declaration + HEADER)))
                    .as("declaration %s", declaration)
                    .singleElement()
                    .isInstanceOf(XmlEvent.StreamOpen.class);
        }
    }

    @Test
    void selfClosingHeaderOpensAndCloses() {
        String header = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>";

        List<XmlEvent> events = decode(XmlLimits.DEFAULTS, utf8(header + "<ignored/>"));

        assertThat(events).hasSize(2);
        assertThat(events.getFirst()).isInstanceOf(XmlEvent.StreamOpen.class);
        assertThat(events.getLast()).isEqualTo(new XmlEvent.StreamClose());
    }

    @Test
    void bytesAfterCloseAreDiscarded() {
        List<XmlEvent> events = decode(XmlLimits.DEFAULTS, utf8(HEADER + "</stream:stream><message/>garbage<!--"));

        assertThat(events).hasSize(2);
        assertThat(events.getLast()).isEqualTo(new XmlEvent.StreamClose());
    }

    @Test
    void resetRestartsStreamWithinSameRead() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object event) {
                // Mimics the stream state machine: SASL success restarts the stream.
                if (event instanceof XmlEvent.StanzaReceived(Element element) && element.is(Namespaces.SASL, "auth")) {
                    decoder.reset();
                }
                ctx.fireChannelRead(event);
            }
        });
        String auth = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG0zMG8=</auth>";
        String restarted = "<?xml version='1.0'?><s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'"
                + " to='example.net'><iq type='get' id='1'/></s:stream>";

        channel.writeInbound(Unpooled.wrappedBuffer(utf8(HEADER + auth + restarted)));
        List<XmlEvent> events = readEvents(channel);

        assertThat(events).hasSize(5);
        assertThat(((XmlEvent.StreamOpen) events.get(0)).to()).isEqualTo("example.com");
        assertThat(((XmlEvent.StanzaReceived) events.get(1)).element().text()).isEqualTo("AGp1bGlldAByMG0zMG8=");
        assertThat(((XmlEvent.StreamOpen) events.get(2)).to()).isEqualTo("example.net");
        assertThat(((XmlEvent.StreamOpen) events.get(2)).namespaces()).containsEntry("s", Namespaces.STREAMS);
        assertThat(events.get(3)).isEqualTo(new XmlEvent.StanzaReceived(
                Element.of(Namespaces.CLIENT, "iq").withAttribute("type", "get").withAttribute("id", "1")));
        assertThat(events.get(4)).isEqualTo(new XmlEvent.StreamClose());
        channel.finishAndReleaseAll();
    }

    @Test
    void resetAfterCloseAcceptsNewStream() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.writeInbound(Unpooled.wrappedBuffer(utf8(HEADER + "</stream:stream>")));
        assertThat(readEvents(channel)).hasSize(2);

        decoder.reset();
        channel.writeInbound(Unpooled.wrappedBuffer(utf8(HEADER + "<presence/>")));

        assertThat(readEvents(channel)).hasSize(2).last()
                .isEqualTo(new XmlEvent.StanzaReceived(Element.of(Namespaces.CLIENT, "presence")));
        channel.finishAndReleaseAll();
    }

    @Test
    void idleStreamHoldsNoBuffer() {
        XmppStreamDecoder decoder = new XmppStreamDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        String partial = "<message><b";

        channel.writeInbound(largeBuffer(HEADER + "<presence/>"));
        assertThat(decoder.retainedCapacity()).isZero();

        channel.writeInbound(largeBuffer("<presence/>" + partial));
        assertThat(decoder.retainedCapacity()).isPositive().isLessThanOrEqualTo(64);

        channel.writeInbound(largeBuffer("ody>hi</body></message> "));
        assertThat(decoder.retainedCapacity()).isZero();
        assertThat(readEvents(channel)).hasSize(4).last().isEqualTo(new XmlEvent.StanzaReceived(
                Element.builder(Namespaces.CLIENT, "message")
                        .child(Element.builder(Namespaces.CLIENT, "body").text("hi").build())
                        .build()));
        channel.finishAndReleaseAll();
    }

    private static ByteBuf largeBuffer(String content) {
        return Unpooled.buffer(64 * 1024).writeBytes(utf8(content));
    }

    @Test
    void errorStopsDecodingAfterEarlierEvents() {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder());

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(utf8(HEADER + "<presence/><!-- x -->"))))
                .isInstanceOf(StreamErrorException.class);

        assertThat(readEvents(channel)).hasSize(2).last()
                .isEqualTo(new XmlEvent.StanzaReceived(Element.of(Namespaces.CLIENT, "presence")));
        channel.writeInbound(Unpooled.wrappedBuffer(utf8("<presence/>")));
        assertThat(readEvents(channel)).isEmpty();
        channel.finishAndReleaseAll();
    }

    @Test
    void roundTripThroughToXml() {
        Element stanza = Element.builder(Namespaces.CLIENT, "message")
                .attribute("to", "juliet@example.com")
                .attribute("id", "<&>\"'\t\r\n \u00e9")
                .attribute(Namespaces.XML, "lang", "de")
                .attribute("urn:example:attr", "flag", "yes")
                .child(Element.builder(Namespaces.CLIENT, "body").text("a < b && c > d \"q\" 'a' ]]> \r\n\t \uD83D\uDE00").build())
                .child(Element.builder("", "unqualified").child(Element.of(Namespaces.CLIENT, "requalified")).build())
                .child(Element.builder("urn:example:ext", "x")
                        .text("  ")
                        .child(Element.of("urn:example:ext", "y").withAttribute("z", ""))
                        .text("\n")
                        .build())
                .build();
        Element features = Element.builder(Namespaces.STREAMS, "features")
                .child(Element.builder(Namespaces.TLS, "starttls").child(Element.of(Namespaces.TLS, "required")).build())
                .build();

        for (Element element : List.of(stanza, features)) {
            for (String xml : List.of(element.toXml(Namespaces.CLIENT), element.toXml())) {
                assertThat(decode(XmlLimits.DEFAULTS, utf8(HEADER + xml)))
                        .as("parsing %s", xml)
                        .last()
                        .isEqualTo(new XmlEvent.StanzaReceived(element));
            }
        }
    }
}
