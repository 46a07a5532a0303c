package dev.tern.server.xml;

import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import java.util.Map;
import java.util.Objects;

/** An event that {@link XmppStreamDecoder} emits for each complete unit of an incoming XMPP stream. */
public sealed interface XmlEvent {

    /**
     * The peer opened a stream, or reopened it after {@link XmppStreamDecoder#reset()}.
     *
     * @param header     the {@code <stream:stream>} element with its attributes and no children
     * @param namespaces the namespace declarations of the header, by prefix; the default
     *                   namespace has the key {@code ""}
     */
    record StreamOpen(Element header, Map<String, String> namespaces) implements XmlEvent {

        public StreamOpen {
            Objects.requireNonNull(header, "header");
            namespaces = Map.copyOf(namespaces);
        }

        /** Returns the {@code to} attribute, or {@code null} if it is absent. */
        public String to() {
            return header.attribute("to");
        }

        /** Returns the {@code from} attribute, or {@code null} if it is absent. */
        public String from() {
            return header.attribute("from");
        }

        /** Returns the {@code id} attribute, or {@code null} if it is absent. */
        public String id() {
            return header.attribute("id");
        }

        /** Returns the {@code version} attribute, or {@code null} if it is absent. */
        public String version() {
            return header.attribute("version");
        }

        /** Returns the {@code xml:lang} attribute, or {@code null} if it is absent. */
        public String language() {
            return header.attribute(Namespaces.XML, "lang");
        }

        /**
         * Returns the default namespace declared on the header, such as {@link Namespaces#CLIENT},
         * or {@code null} if there is none. Checking it against the listener is up to the caller.
         */
        public String contentNamespace() {
            return namespaces.get("");
        }
    }

    /**
     * A complete top-level element of the stream: a stanza, or a negotiation element such as
     * {@code <starttls/>} or {@code <auth/>}. Its namespaces are resolved against the header's
     * declarations, so a {@code <message/>} in a client stream has {@link Namespaces#CLIENT}.
     */
    record StanzaReceived(Element element) implements XmlEvent {

        public StanzaReceived {
            Objects.requireNonNull(element, "element");
        }
    }

    /** The peer closed the stream with {@code </stream:stream>}. */
    record StreamClose() implements XmlEvent {
    }
}
