package dev.tern.xmpp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StanzaErrorTest {

    private static Element request() {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("from", "juliet@example.com/balcony")
                .attribute("to", "example.com")
                .attribute("id", "q1")
                .attribute("type", "get")
                .child(Element.of("jabber:iq:version", "query"))
                .build();
    }

    @Test
    void conditionsHaveRfcDefaultTypes() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("bad-request", "modify"),
                Map.entry("conflict", "cancel"),
                Map.entry("feature-not-implemented", "cancel"),
                Map.entry("forbidden", "auth"),
                Map.entry("gone", "cancel"),
                Map.entry("internal-server-error", "cancel"),
                Map.entry("item-not-found", "cancel"),
                Map.entry("jid-malformed", "modify"),
                Map.entry("not-acceptable", "modify"),
                Map.entry("not-allowed", "cancel"),
                Map.entry("not-authorized", "auth"),
                Map.entry("policy-violation", "modify"),
                Map.entry("recipient-unavailable", "wait"),
                Map.entry("redirect", "modify"),
                Map.entry("registration-required", "auth"),
                Map.entry("remote-server-not-found", "cancel"),
                Map.entry("remote-server-timeout", "wait"),
                Map.entry("resource-constraint", "wait"),
                Map.entry("service-unavailable", "cancel"),
                Map.entry("subscription-required", "auth"),
                Map.entry("undefined-condition", "cancel"),
                Map.entry("unexpected-request", "wait"));

        Map<String, String> actual = Arrays.stream(StanzaErrorCondition.values())
                .collect(Collectors.toMap(StanzaErrorCondition::elementName, c -> c.defaultType().value()));

        assertThat(actual).isEqualTo(expected);
        assertThat(StanzaErrorCondition.fromElementName("item-not-found")).isEqualTo(StanzaErrorCondition.ITEM_NOT_FOUND);
        assertThat(StanzaErrorCondition.fromElementName("no-such-condition")).isNull();
    }

    @Test
    void replySwapsAddressesAndKeepsId() {
        Element reply = StanzaError.of(StanzaErrorCondition.SERVICE_UNAVAILABLE, "No such service")
                .replyTo(request())
                .orElseThrow();

        assertThat(reply.toXml(Namespaces.CLIENT)).isEqualTo(
                "<iq from=\"example.com\" to=\"juliet@example.com/balcony\" id=\"q1\" type=\"error\">"
                        + "<error type=\"cancel\">"
                        + "<service-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
                        + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\" xml:lang=\"en\">No such service</text>"
                        + "</error></iq>");
    }

    @Test
    void replyIncludesPayloadOnRequest() {
        Element reply = StanzaError.of(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED)
                .replyTo(request(), true)
                .orElseThrow();

        assertThat(reply.children()).hasSize(2);
        assertThat(reply.children().getFirst()).isEqualTo(Element.of("jabber:iq:version", "query"));
        assertThat(reply.children().get(1).name()).isEqualTo("error");
        assertThat(StanzaError.of(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED).replyTo(request()).orElseThrow()
                .child("jabber:iq:version", "query")).isNull();
    }

    @Test
    void replyLeavesMissingAddressesOut() {
        Element message = Element.builder(Namespaces.SERVER, "message")
                .attribute("to", "romeo@example.net")
                .child(Element.builder(Namespaces.SERVER, "body").text("hi").build())
                .build();

        Element reply = StanzaError.of(StanzaErrorCondition.RECIPIENT_UNAVAILABLE).replyTo(message).orElseThrow();

        assertThat(reply.toXml(Namespaces.SERVER)).isEqualTo(
                "<message from=\"romeo@example.net\" type=\"error\"><error type=\"wait\">"
                        + "<recipient-unavailable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></message>");
    }

    @Test
    void errorStanzaGetsNoErrorReply() {
        Element errorStanza = request().withAttribute("type", "error");
        Element result = request().withAttribute("type", "result");
        Element errorMessage = Element.of(Namespaces.CLIENT, "message").withAttribute("type", "error");

        StanzaError error = StanzaError.of(StanzaErrorCondition.BAD_REQUEST);

        assertThat(error.replyTo(errorStanza)).isEmpty();
        assertThat(error.replyTo(result)).isEmpty();
        assertThat(error.replyTo(errorMessage, true)).isEmpty();
        assertThat(StanzaError.mayReplyWithError(request())).isTrue();
        assertThat(StanzaError.mayReplyWithError(Element.of(Namespaces.CLIENT, "message").withAttribute("type", "result")))
                .isTrue();
    }

    @Test
    void replyRejectsNonStanza() {
        assertThatThrownBy(() -> StanzaError.of(StanzaErrorCondition.BAD_REQUEST)
                .replyTo(Element.of(Namespaces.TLS, "starttls")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'starttls'");
    }

    @Test
    void elementCarriesOptionalParts() {
        Element element = StanzaError.of(StanzaErrorCondition.GONE)
                .withType(StanzaErrorType.MODIFY)
                .withConditionContent("xmpp:romeo@afterlife.example.net")
                .withBy("example.com")
                .withApplicationCondition(Element.of("urn:example:errors", "moved"))
                .toElement(Namespaces.CLIENT);

        assertThat(element.toXml(Namespaces.CLIENT)).isEqualTo(
                "<error type=\"modify\" by=\"example.com\">"
                        + "<gone xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\">xmpp:romeo@afterlife.example.net</gone>"
                        + "<moved xmlns=\"urn:example:errors\"/></error>");
    }
}
