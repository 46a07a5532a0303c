package dev.tern.server.xml;

import static dev.tern.server.xml.XmppStreamDecoderTest.HEADER;
import static dev.tern.server.xml.XmppStreamDecoderTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.xmpp.api.StreamErrorCondition;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XmppStreamDecoderErrorTest {

    private static final StreamErrorCondition RESTRICTED = StreamErrorCondition.RESTRICTED_XML;
    private static final StreamErrorCondition MALFORMED = StreamErrorCondition.NOT_WELL_FORMED;

    /** Returns the UTF-8 of the header and {@code prefix}, then {@code raw} bytes, then {@code suffix}. */
    private static byte[] withBytes(String prefix, int[] raw, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(HEADER + prefix));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(utf8(suffix));
        return out.toByteArray();
    }

    private static Arguments inStream(String name, String input, StreamErrorCondition condition) {
        return Arguments.of(name, utf8(HEADER + input), condition);
    }

    private static Arguments invalidUtf8(String name, int... raw) {
        return Arguments.of(name, withBytes("<message><body>", raw, "</body></message>"), MALFORMED);
    }

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
                Arguments.of("DOCTYPE before header",
                        utf8("<?xml version='1.0'?><!DOCTYPE s [<!ENTITY x 'y'>]>" + HEADER), RESTRICTED),
                inStream("DOCTYPE inside stanza", "<message><!DOCTYPE x></message>", RESTRICTED),
                Arguments.of("comment before header", utf8("<!-- hi -->" + HEADER), RESTRICTED),
                inStream("comment at stream level", "<!-- keepalive -->", RESTRICTED),
                inStream("comment inside stanza", "<message><body>a<!-- b --></body></message>", RESTRICTED),
                Arguments.of("processing instruction before header", utf8("<?foo bar?>" + HEADER), RESTRICTED),
                Arguments.of("stylesheet before header", utf8("<?xml-stylesheet href='a'?>" + HEADER), RESTRICTED),
                inStream("processing instruction at stream level", "<?php echo 1; ?>", RESTRICTED),
                inStream("processing instruction inside stanza", "<message><?php x?></message>", RESTRICTED),
                inStream("declaration inside stream", "<?xml version='1.0'?>", RESTRICTED),
                inStream("entity reference in text", "<message><body>&xxe;</body></message>", RESTRICTED),
                inStream("entity reference in attribute", "<message to='&foo;'/>", RESTRICTED),
                inStream("long entity reference", "<message><body>&amplifier;</body></message>", RESTRICTED),
                inStream("bare ampersand", "<message><body>a & b</body></message>", MALFORMED),
                inStream("unterminated reference", "<message><body>&amp b</body></message>", MALFORMED),
                inStream("invalid character reference", "<message><body>&#0;</body></message>", MALFORMED),
                inStream("non-numeric character reference", "<message><body>&#x;</body></message>", MALFORMED),
                invalidUtf8("overlong two-byte slash", 0xC0, 0xAF),
                invalidUtf8("overlong three-byte slash", 0xE0, 0x80, 0xAF),
                invalidUtf8("overlong four-byte", 0xF0, 0x80, 0x80, 0xAF),
                invalidUtf8("encoded surrogate", 0xED, 0xA0, 0x80),
                invalidUtf8("code point above U+10FFFF", 0xF4, 0x90, 0x80, 0x80),
                invalidUtf8("truncated three-byte sequence", 0xE2, 0x82, 0x41),
                invalidUtf8("truncated before markup", 0xC3),
                invalidUtf8("stray continuation byte", 0x80),
                invalidUtf8("byte 0xF5", 0xF5, 0x80, 0x80, 0x80),
                invalidUtf8("byte 0xFF", 0xFF),
                inStream("control character", "<message><body>\u0001</body></message>", MALFORMED),
                inStream("mismatched nested tags", "<message><body></message></body>", MALFORMED),
                inStream("mismatched top-level tags", "<message></presence>", MALFORMED),
                inStream("stream closed inside stanza", "<message></stream:stream>", MALFORMED),
                inStream("wrong stream end tag", "</stream:streams>", MALFORMED),
                inStream("undeclared prefix", "<foo:bar/>", MALFORMED),
                inStream("duplicate attribute", "<message id='1' id='2'/>", MALFORMED),
                inStream("less-than in attribute value", "<message id='a<b'/>", MALFORMED),
                inStream("slash inside start tag", "<message / id='1'/>", MALFORMED),
                Arguments.of("text before header", utf8("hello" + HEADER), MALFORMED),
                Arguments.of("end tag before header", utf8("</stream:stream>"), MALFORMED),
                inStream("text at stream level", "hello", StreamErrorCondition.BAD_FORMAT),
                inStream("CDATA at stream level", "<![CDATA[x]]>", StreamErrorCondition.BAD_FORMAT),
                Arguments.of("XML 1.1", utf8("<?xml version='1.1'?>" + HEADER), StreamErrorCondition.BAD_FORMAT),
                Arguments.of("declaration without version", utf8("<?xml?>" + HEADER), MALFORMED),
                Arguments.of("declared Latin-1", utf8("<?xml version='1.0' encoding='ISO-8859-1'?>" + HEADER),
                        StreamErrorCondition.UNSUPPORTED_ENCODING),
                Arguments.of("UTF-16 byte order mark", new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '<'},
                        StreamErrorCondition.UNSUPPORTED_ENCODING),
                Arguments.of("wrong stream namespace",
                        utf8("<stream:stream xmlns:stream='urn:example:streams' xmlns='jabber:client'>"),
                        StreamErrorCondition.INVALID_NAMESPACE),
                Arguments.of("wrong header name",
                        utf8("<stream:flow xmlns:stream='http://etherx.jabber.org/streams'>"),
                        StreamErrorCondition.INVALID_NAMESPACE),
                Arguments.of("unprefixed stream namespace", utf8("<stream xmlns='http://etherx.jabber.org/streams'>"),
                        StreamErrorCondition.BAD_NAMESPACE_PREFIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void wholeInputRaisesCondition(String name, byte[] input, StreamErrorCondition condition) {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder());

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(input)))
                .isInstanceOfSatisfying(StreamErrorException.class, e -> {
                    assertThat(e.condition()).isEqualTo(condition);
                    assertThat(e.text()).isNotBlank();
                    assertThat(e.toElement().child("urn:ietf:params:xml:ns:xmpp-streams", condition.elementName()))
                            .isNotNull();
                });
        channel.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void byteByByteInputRaisesCondition(String name, byte[] input, StreamErrorCondition condition) {
        EmbeddedChannel channel = new EmbeddedChannel(new XmppStreamDecoder());
        StreamErrorException raised = null;

        for (byte b : input) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            } catch (StreamErrorException e) {
                assertThat(raised).as("a second stream error after the first").isNull();
                raised = e;
            }
        }

        assertThat(raised).isNotNull();
        assertThat(raised.condition()).isEqualTo(condition);
        channel.finishAndReleaseAll();
    }
}
