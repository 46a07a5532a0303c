package dev.tern.mod.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.mod.roster.harness.Stanzas;
import dev.tern.mod.roster.harness.TestClient;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence that breaks the syntax of RFC 6121 section 4.7 gets a bad-request error. */
class PresenceErrorsTest {

    @TempDir
    Path directory;

    private PresenceFixture fixture;
    private TestClient phone;

    @BeforeEach
    void open() {
        fixture = new PresenceFixture(directory);
        phone = fixture.harness.connect("alice@example.com/phone");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void undefinedTypeIsBadRequest() {
        Element presence = Stanzas.presence("invisible", null).withAttribute("id", "p1");

        phone.send(presence);

        Element expected = Element.builder(Namespaces.CLIENT, "presence")
                .attribute("from", "alice@example.com")
                .attribute("to", "alice@example.com/phone")
                .attribute("id", "p1")
                .attribute("type", "error")
                .child(Element.builder(Namespaces.CLIENT, "error")
                        .attribute("type", "modify")
                        .child(Element.of(Namespaces.STANZA_ERRORS, "bad-request"))
                        .child(Element.builder(Namespaces.STANZA_ERRORS, "text")
                                .attribute(Namespaces.XML, "lang", "en")
                                .text("Presence type 'invisible' is not defined; use one of "
                                        + "[error, probe, subscribe, subscribed, unavailable, unsubscribe, unsubscribed]"
                                        + " or no type for available presence")
                                .build())
                        .build())
                .build();
        assertThat(phone.drain()).containsExactly(expected);
        assertThat(fixture.harness.sessions().find(phone.jid()).orElseThrow().available()).isFalse();
    }

    @Test
    void undefinedShowIsBadRequest() {
        phone.send(withChild("show", "sleeping"));

        assertThat(Stanzas.errorCondition(phone.drain().getFirst())).isEqualTo("bad-request");
    }

    @Test
    void priorityOutOfRangeIsBadRequest() {
        phone.send(withChild("priority", "128"));

        assertThat(Stanzas.errorCondition(phone.drain().getFirst())).isEqualTo("bad-request");
    }

    @Test
    void nonNumericPriorityIsBadRequest() {
        phone.send(withChild("priority", "high"));

        assertThat(Stanzas.errorCondition(phone.drain().getFirst())).isEqualTo("bad-request");
    }

    @Test
    void validPresenceGetsNoError() {
        phone.send(withChild("show", "away"));

        assertThat(phone.drain()).allSatisfy(stanza -> assertThat(stanza.attribute("type")).isNull());
        assertThat(fixture.harness.sessions().find(phone.jid()).orElseThrow().available()).isTrue();
    }

    private static Element withChild(String name, String text) {
        return Element.builder(Namespaces.CLIENT, "presence")
                .attribute("id", Stanzas.nextId())
                .child(Element.builder(Namespaces.CLIENT, name).text(text).build())
                .build();
    }
}
