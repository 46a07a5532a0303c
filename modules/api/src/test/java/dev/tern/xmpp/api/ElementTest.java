package dev.tern.xmpp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElementTest {

    private static Element message() {
        return Element.builder(Namespaces.CLIENT, "message")
                .attribute("to", "romeo@example.net")
                .attribute("id", "m1")
                .attribute(Namespaces.XML, "lang", "en")
                .child(Element.builder(Namespaces.CLIENT, "body").text("Hello").build())
                .child(Element.of(Namespaces.DELAY, "delay").withAttribute("stamp", "2002-09-10T23:08:25Z"))
                .build();
    }

    @Test
    void lookupFindsAttributesChildrenAndText() {
        Element message = message();

        assertThat(message.namespace()).isEqualTo(Namespaces.CLIENT);
        assertThat(message.name()).isEqualTo("message");
        assertThat(message.attribute("to")).isEqualTo("romeo@example.net");
        assertThat(message.attribute(Namespaces.XML, "lang")).isEqualTo("en");
        assertThat(message.attribute("lang")).isNull();
        assertThat(message.attribute("from")).isNull();
        assertThat(message.child(Namespaces.CLIENT, "body").text()).isEqualTo("Hello");
        assertThat(message.childText(Namespaces.CLIENT, "body")).isEqualTo("Hello");
        assertThat(message.child(Namespaces.CLIENT, "delay")).isNull();
        assertThat(message.child(Namespaces.DELAY, "delay").attribute("stamp")).isEqualTo("2002-09-10T23:08:25Z");
        assertThat(message.children()).hasSize(2);
        assertThat(message.text()).isEmpty();
        assertThat(message.attributes()).containsExactly(
                new Attribute("", "to", "romeo@example.net"),
                new Attribute("", "id", "m1"),
                new Attribute(Namespaces.XML, "lang", "en"));
    }

    @Test
    void withMethodsCopyAndLeaveOriginal() {
        Element original = message();

        Element changed = original.withAttribute("to", "juliet@example.com")
                .withoutAttribute("id")
                .withChild(new Text("tail"));

        assertThat(original).isEqualTo(message());
        assertThat(changed.attribute("to")).isEqualTo("juliet@example.com");
        assertThat(changed.attribute("id")).isNull();
        assertThat(changed.text()).isEqualTo("tail");
        assertThat(changed.withoutChildren(Namespaces.CLIENT, "body").child(Namespaces.CLIENT, "body")).isNull();
        assertThat(changed.withoutNodes().isEmpty()).isTrue();
        assertThat(original.withoutAttribute("missing")).isSameAs(original);
    }

    @Test
    void textMergesAdjacentRuns() {
        Element merged = Element.builder(Namespaces.CLIENT, "body").text("a").text("").text("b").build();
        Element single = Element.builder(Namespaces.CLIENT, "body").text("ab").build();

        assertThat(merged).isEqualTo(single);
        assertThat(merged.nodes()).containsExactly(new Text("ab"));
        assertThat(Element.of(Namespaces.CLIENT, "body").withText("")).isEqualTo(Element.of(Namespaces.CLIENT, "body"));
    }

    @Test
    void equalityIgnoresAttributeOrder() {
        Element first = Element.builder("", "a").attribute("x", "1").attribute("y", "2").build();
        Element second = Element.builder("", "a").attribute("y", "2").attribute("x", "1").build();
        Element different = Element.builder("", "a").attribute("y", "2").attribute("x", "3").build();

        assertThat(first).isEqualTo(second);
        assertThat(first.hashCode()).isEqualTo(second.hashCode());
        assertThat(first).isNotEqualTo(different);
        assertThat(first).isNotEqualTo(Element.of("urn:other", "a").withAttribute("x", "1").withAttribute("y", "2"));
    }

    @Test
    void toXmlOmitsInheritedNamespace() {
        assertThat(message().toXml(Namespaces.CLIENT)).isEqualTo(
                "<message to=\"romeo@example.net\" id=\"m1\" xml:lang=\"en\"><body>Hello</body>"
                        + "<delay xmlns=\"urn:xmpp:delay\" stamp=\"2002-09-10T23:08:25Z\"/></message>");
    }

    @Test
    void toXmlStandaloneDeclaresNamespace() {
        assertThat(message().toXml()).startsWith("<message xmlns=\"jabber:client\" to=");
        assertThat(Element.of("", "plain").toXml()).isEqualTo("<plain/>");
    }

    @Test
    void toXmlUndeclaresDefaultForUnqualifiedChild() {
        Element element = Element.builder(Namespaces.CLIENT, "iq").child(Element.of("", "bare")).build();

        assertThat(element.toXml(Namespaces.CLIENT)).isEqualTo("<iq><bare xmlns=\"\"/></iq>");
    }

    @Test
    void toXmlEscapesTextAndAttributes() {
        Element element = Element.builder(Namespaces.CLIENT, "body")
                .attribute("a", "<&>\"'\t\n\r")
                .text("<&>\"' ]]> \r\n")
                .build();

        assertThat(element.toXml(Namespaces.CLIENT)).isEqualTo(
                "<body a=\"&lt;&amp;&gt;&quot;'&#9;&#10;&#13;\">&lt;&amp;&gt;\"' ]]&gt; &#13;\n</body>");
    }

    @Test
    void toXmlUsesStreamPrefix() {
        Element error = StreamErrorCondition.NOT_WELL_FORMED.toElement(null);

        assertThat(error.toXml(Namespaces.CLIENT)).isEqualTo(
                "<stream:error><not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/></stream:error>");
        assertThat(error.toXml()).isEqualTo(
                "<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\">"
                        + "<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/></stream:error>");
    }

    @Test
    void toXmlDeclaresPrefixForQualifiedAttribute() {
        Element element = Element.of(Namespaces.CLIENT, "x").withAttribute("urn:example", "flag", "1");

        assertThat(element.toXml(Namespaces.CLIENT)).isEqualTo("<x xmlns:ns0=\"urn:example\" ns0:flag=\"1\"/>");
    }

    @Test
    void builderRejectsInvalidNamesAndCharacters() {
        assertThatThrownBy(() -> Element.of(Namespaces.CLIENT, "a:b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a:b'");
        assertThatThrownBy(() -> Element.of(Namespaces.CLIENT, "1abc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Element.of(Namespaces.CLIENT, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Element.builder(Namespaces.CLIENT, "body").text("bell\u0007"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> Element.builder(Namespaces.CLIENT, "body").text("lone \uD800"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+D800");
        assertThatThrownBy(() -> Element.builder(Namespaces.CLIENT, "body").attribute("xmlns", "urn:x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace declaration");
        assertThatThrownBy(() -> Element.of(Namespaces.XML, "lang"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderAcceptsSupplementaryCharacters() {
        Element body = Element.builder(Namespaces.CLIENT, "body").text("\uD83D\uDE00").build();

        assertThat(body.text()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void nodesKeepDocumentOrder() {
        Element element = Element.builder(Namespaces.CLIENT, "p")
                .text("one ")
                .child(Element.of(Namespaces.CLIENT, "b"))
                .text(" two")
                .build();

        assertThat(element.nodes()).containsExactly(
                new Text("one "), Element.of(Namespaces.CLIENT, "b"), new Text(" two"));
        assertThat(element.text()).isEqualTo("one  two");
        assertThat(element.withNodes(List.of(new Text("x")))).isEqualTo(element.withText("x"));
    }
}
