package dev.tern.server.xml;

import static dev.tern.server.xml.XmppStreamDecoderTest.decode;
import static dev.tern.server.xml.XmppStreamDecoderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class XmppStreamDecoderLimitsTest {

    private static final String HEADER =
            "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

    /** Returns the single stanza event of {@code HEADER + stanza}, or throws what the decoder threw. */
    private static XmlEvent decodeStanza(XmlLimits limits, String stanza) {
        return decode(limits, utf8(HEADER + stanza)).getLast();
    }

    private static void assertPolicyViolation(XmlLimits limits, String stanza, String textFragment) {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(limits));

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(utf8(HEADER + stanza))))
                .isInstanceOfSatisfying(StreamErrorException.class, e -> {
                    assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION);
                    assertThat(e.text()).contains(textFragment);
                });
        channel.finishAndReleaseAll();
    }

    private static String messageOfBytes(int size) {
        String open = "<message><body>";
        String close = "</body></message>";
        return open + "a".repeat(size - open.length() - close.length()) + close;
    }

    private static String nested(int depth) {
        return "<a>".repeat(depth - 1) + "<a/>" + "</a>".repeat(depth - 1);
    }

    private static String withAttributes(int count) {
        StringBuilder element = new StringBuilder("<a");
        for (int i = 0; i < count; i++) {
            element.append(" n").append(i).append("='v'");
        }
        return element.append("/>").toString();
    }

    @Test
    void stanzaSizeAtLimitPasses() {
        XmlLimits limits = new XmlLimits(200, 64, 64, 1024);

        assertThat(utf8(messageOfBytes(200))).hasSize(200);
        assertThat(decodeStanza(limits, messageOfBytes(200))).isInstanceOf(XmlEvent.StanzaReceived.class);
        assertPolicyViolation(limits, messageOfBytes(201), "larger than 200 bytes");
    }

    @Test
    void stanzaSizeCountsMultiByteCharacters() {
        XmlLimits limits = new XmlLimits(200, 64, 64, 1024);
        String twoByteChars = messageOfBytes(200).replace("aa", "\u00e9");

        assertThat(utf8(twoByteChars)).hasSize(200);
        assertThat(decodeStanza(limits, twoByteChars)).isInstanceOf(XmlEvent.StanzaReceived.class);
        assertPolicyViolation(limits, twoByteChars.replace("<body>", "<body>a"), "larger than 200 bytes");
    }

    @Test
    void stanzaSizeFailsBeforeStanzaEnds() {
        XmlLimits limits = new XmlLimits(200, 64, 64, 1024);

        assertPolicyViolation(limits, "<message><body>" + "a".repeat(300), "larger than 200 bytes");
    }

    @Test
    void depthAtLimitPasses() {
        XmlLimits limits = new XmlLimits(1024, 4, 64, 1024);

        assertThat(decodeStanza(limits, nested(4))).isInstanceOf(XmlEvent.StanzaReceived.class);
        assertPolicyViolation(limits, nested(5), "deeper than 4 levels");
    }

    @Test
    void attributeCountAtLimitPasses() {
        XmlLimits limits = new XmlLimits(1024, 64, 3, 1024);

        assertThat(decodeStanza(limits, withAttributes(3))).isInstanceOf(XmlEvent.StanzaReceived.class);
        assertPolicyViolation(limits, withAttributes(4), "more than 3 attributes");
    }

    @Test
    void attributeValueAtLimitPasses() {
        XmlLimits limits = new XmlLimits(1024, 64, 64, 40);
        String fortyBytes = "&amp;" + "\u00e9".repeat(5) + "b".repeat(25);

        assertThat(utf8(fortyBytes)).hasSize(40);
        assertThat(decodeStanza(limits, "<a v='" + fortyBytes + "'/>")).isInstanceOf(XmlEvent.StanzaReceived.class);
        assertPolicyViolation(limits, "<a v='" + fortyBytes + "b'/>", "longer than 40 bytes");
        assertPolicyViolation(limits, "<a v='" + fortyBytes + "&lt;'/>", "longer than 40 bytes");
    }

    @Test
    void headerIsSubjectToLimits() {
        XmlLimits limits = new XmlLimits(1024, 64, 2, 1024);
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder(limits));

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(utf8(
                "<stream:stream to='example.com' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"))))
                .isInstanceOfSatisfying(StreamErrorException.class,
                        e -> assertThat(e.condition()).isEqualTo(StreamErrorCondition.POLICY_VIOLATION));
        channel.finishAndReleaseAll();
    }

    @Test
    void defaultsMatchDocumentedValues() {
        assertThat(XmlLimits.DEFAULTS).isEqualTo(new XmlLimits(256 * 1024, 64, 64, 64 * 1024));
        assertThatThrownBy(() -> new XmlLimits(0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStanzaBytes is 0");
    }
}
