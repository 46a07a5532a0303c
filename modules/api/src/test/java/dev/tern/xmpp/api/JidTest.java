package dev.tern.xmpp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.xmpp.api.InvalidJidException.Part;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JidTest {

    /** The valid examples of RFC 7622 section 3.5.1, with the parts each one prepares to. */
    static Stream<Arguments> rfcValidExamples() {
        return Stream.of(
                Arguments.of("juliet@example.com", "juliet", "example.com", null),
                Arguments.of("juliet@example.com/foo", "juliet", "example.com", "foo"),
                Arguments.of("juliet@example.com/foo bar", "juliet", "example.com", "foo bar"),
                Arguments.of("juliet@example.com/foo@bar", "juliet", "example.com", "foo@bar"),
                Arguments.of("foo\\20bar@example.com", "foo\\20bar", "example.com", null),
                Arguments.of("fussball@example.com", "fussball", "example.com", null),
                Arguments.of("fußball@example.com", "fußball", "example.com", null),
                Arguments.of("π@example.com", "π", "example.com", null),
                Arguments.of("Σ@example.com/foo", "σ", "example.com", "foo"),
                Arguments.of("σ@example.com/foo", "σ", "example.com", "foo"),
                Arguments.of("ς@example.com/foo", "ς", "example.com", "foo"),
                Arguments.of("king@example.com/♚", "king", "example.com", "♚"),
                Arguments.of("example.com", null, "example.com", null),
                Arguments.of("example.com/foobar", null, "example.com", "foobar"),
                Arguments.of("a.example.com/b@example.net", null, "a.example.com", "b@example.net"));
    }

    /** The invalid examples of RFC 7622 section 3.5.2, with the part each one fails on. */
    static Stream<Arguments> rfcInvalidExamples() {
        return Stream.of(
                Arguments.of("\"juliet\"@example.com", Part.LOCALPART),
                Arguments.of("foo bar@example.com", Part.LOCALPART),
                Arguments.of("juliet@example.com/", Part.RESOURCEPART),
                Arguments.of("@example.com/", Part.LOCALPART),
                Arguments.of("henryⅣ@example.com", Part.LOCALPART),
                Arguments.of("♚@example.com", Part.LOCALPART),
                Arguments.of("juliet@", Part.DOMAINPART),
                Arguments.of("/foobar", Part.DOMAINPART));
    }

    @ParameterizedTest
    @MethodSource("rfcValidExamples")
    void parseAcceptsRfcExample(String address, String local, String domain, String resource) {
        Jid jid = Jid.parse(address);

        assertThat(jid.localpart()).isEqualTo(local);
        assertThat(jid.domainpart()).isEqualTo(domain);
        assertThat(jid.resourcepart()).isEqualTo(resource);
        assertThat(Jid.parse(jid.toString())).isEqualTo(jid);
    }

    @ParameterizedTest
    @MethodSource("rfcInvalidExamples")
    void parseRejectsRfcExample(String address, Part part) {
        assertThatThrownBy(() -> Jid.parse(address))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> {
                    assertThat(e.part()).isEqualTo(part);
                    assertThat(e.input()).isEqualTo(address);
                    assertThat(e.getMessage()).contains(address).contains(part.name().toLowerCase());
                });
    }

    @Test
    void parseRejectsLocalpartCharactersOfRfc7622() {
        for (String forbidden : new String[] {"\"", "&", "'", "/", ":", "<", ">", "@"}) {
            assertThatThrownBy(() -> Jid.of("a" + forbidden + "b", "example.com", null))
                    .as("localpart with %s", forbidden)
                    .isInstanceOfSatisfying(InvalidJidException.class,
                            e -> assertThat(e.part()).isEqualTo(Part.LOCALPART));
        }
    }

    @Test
    void equalityUsesPreparedForm() {
        Jid upper = Jid.parse("JULIET@EXAMPLE.COM/Balcony");
        Jid lower = Jid.parse("juliet@example.com/Balcony");

        assertThat(upper).isEqualTo(lower);
        assertThat(upper.hashCode()).isEqualTo(lower.hashCode());
        assertThat(upper.toString()).isEqualTo("juliet@example.com/Balcony");
        assertThat(upper).isNotEqualTo(Jid.parse("juliet@example.com/balcony"));
    }

    @Test
    void domainpartStripsOneTrailingDot() {
        assertThat(Jid.parse("juliet@example.com.")).isEqualTo(Jid.parse("juliet@example.com"));
        assertThatThrownBy(() -> Jid.parse("juliet@example.com.."))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> assertThat(e.part()).isEqualTo(Part.DOMAINPART));
        assertThatThrownBy(() -> Jid.parse("."))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> assertThat(e.part()).isEqualTo(Part.DOMAINPART));
    }

    @Test
    void domainpartComparesALabelsAsULabels() {
        Jid unicode = Jid.parse("user@bücher.example");
        Jid ascii = Jid.parse("user@xn--bcher-kva.example");

        assertThat(ascii).isEqualTo(unicode);
        assertThat(ascii.domainpart()).isEqualTo("bücher.example");
    }

    @Test
    void domainpartRejectsInvalidNames() {
        for (String domain : new String[] {"exa mple.com", "-example.com", "conference..example.org", "[127.0.0.1]",
                "[::1", "a@b@example.com"}) {
            assertThatThrownBy(() -> Jid.parse(domain))
                    .as("domain %s", domain)
                    .isInstanceOf(InvalidJidException.class);
        }
    }

    @Test
    void domainpartAcceptsIpLiterals() {
        assertThat(Jid.parse("user@[::1]/r").domainpart()).isEqualTo("[::1]");
        assertThat(Jid.parse("user@[2001:DB8::1]").domainpart()).isEqualTo("[2001:db8::1]");
        assertThat(Jid.parse("user@192.0.2.1").domainpart()).isEqualTo("192.0.2.1");
    }

    @Test
    void partsAcceptAtMost1023Bytes() {
        String ascii1023 = "a".repeat(1023);
        String threeByte341 = "\u4E2D".repeat(341);

        assertThat(Jid.of(ascii1023, "example.com", ascii1023).localpart()).hasSize(1023);
        assertThat(Jid.of(threeByte341, "example.com", null).localpart()).isEqualTo(threeByte341);
        assertThatThrownBy(() -> Jid.of("a".repeat(1024), "example.com", null))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> {
                    assertThat(e.part()).isEqualTo(Part.LOCALPART);
                    assertThat(e.reason()).contains("1024 bytes");
                });
        assertThatThrownBy(() -> Jid.of(null, "example.com", "\u20AC".repeat(342)))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> {
                    assertThat(e.part()).isEqualTo(Part.RESOURCEPART);
                    assertThat(e.reason()).contains("1026 bytes");
                });
    }

    @Test
    void bareAndResourceHelpers() {
        Jid full = Jid.parse("juliet@example.com/balcony");

        assertThat(full.isFull()).isTrue();
        assertThat(full.isBare()).isFalse();
        assertThat(full.bare()).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(full.bare().isBare()).isTrue();
        Jid bare = full.bare();
        assertThat(bare.bare()).isSameAs(bare);
        assertThat(full.domain()).isEqualTo(Jid.parse("example.com"));
        assertThat(full.bare().withResource("orchard")).isEqualTo(Jid.parse("juliet@example.com/orchard"));
        assertThat(full.withResource(null)).isEqualTo(full.bare());
        assertThatThrownBy(() -> full.withResource(""))
                .isInstanceOfSatisfying(InvalidJidException.class,
                        e -> assertThat(e.part()).isEqualTo(Part.RESOURCEPART));
    }
}
