package dev.tern.xmpp.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A stanza error (RFC 6120 section 8.3) and the error replies built from it.
 *
 * <p>Serialized, it reads:
 * <pre>{@code
 * <error type='cancel' by='example.com'>
 *   <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
 *   <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>...</text>
 *   <application-specific xmlns='...'/>
 * </error>
 * }</pre>
 *
 * @param condition            the defined condition
 * @param type                 the error type; {@link #of} uses the condition's default
 * @param text                 human-readable English text, or {@code null} for none
 * @param conditionContent     character data of the condition element, or {@code null}; RFC 6120
 *                             uses it for the new address of {@code gone} and {@code redirect}
 * @param applicationCondition an application-specific condition element, or {@code null}
 * @param by                   the address of the entity that generated the error, or {@code null}
 */
public record StanzaError(
        StanzaErrorCondition condition,
        StanzaErrorType type,
        String text,
        String conditionContent,
        Element applicationCondition,
        String by) {

    /** Language of {@link #text()}, written as the {@code xml:lang} of the text element. */
    public static final String TEXT_LANGUAGE = "en";

    public StanzaError {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(type, "type");
    }

    /** Returns an error with the condition's default type and no text. */
    public static StanzaError of(StanzaErrorCondition condition) {
        return new StanzaError(condition, condition.defaultType(), null, null, null, null);
    }

    /** Returns an error with the condition's default type and the given English text. */
    public static StanzaError of(StanzaErrorCondition condition, String text) {
        return new StanzaError(condition, condition.defaultType(), text, null, null, null);
    }

    /** Returns a copy with another error type. */
    public StanzaError withType(StanzaErrorType type) {
        return new StanzaError(condition, type, text, conditionContent, applicationCondition, by);
    }

    /** Returns a copy with another English text, or none if {@code text} is {@code null}. */
    public StanzaError withText(String text) {
        return new StanzaError(condition, type, text, conditionContent, applicationCondition, by);
    }

    /** Returns a copy whose condition element carries {@code content}, such as the new address for {@code gone}. */
    public StanzaError withConditionContent(String content) {
        return new StanzaError(condition, type, text, content, applicationCondition, by);
    }

    /** Returns a copy with an application-specific condition element. */
    public StanzaError withApplicationCondition(Element applicationCondition) {
        return new StanzaError(condition, type, text, conditionContent, applicationCondition, by);
    }

    /** Returns a copy with the {@code by} attribute naming the entity that generated the error. */
    public StanzaError withBy(String by) {
        return new StanzaError(condition, type, text, conditionContent, applicationCondition, by);
    }

    /**
     * Returns the {@code <error/>} element, qualified by the namespace of the stanza that will
     * carry it ({@link Namespaces#CLIENT} or {@link Namespaces#SERVER}).
     */
    public Element toElement(String stanzaNamespace) {
        Element.Builder conditionElement = Element.builder(Namespaces.STANZA_ERRORS, condition.elementName());
        if (conditionContent != null) {
            conditionElement.text(conditionContent);
        }
        Element.Builder error = Element.builder(stanzaNamespace, "error")
                .attribute("type", type.value())
                .attribute("by", by)
                .child(conditionElement.build());
        if (text != null) {
            error.child(Element.builder(Namespaces.STANZA_ERRORS, "text")
                    .attribute(Namespaces.XML, "lang", TEXT_LANGUAGE)
                    .text(text)
                    .build());
        }
        if (applicationCondition != null) {
            error.child(applicationCondition);
        }
        return error.build();
    }

    /**
     * Builds the error reply to {@code request} without the request's payload, or returns empty
     * if the request must not get an error reply.
     *
     * <p>RFC 6120 section 8.3.1 lets the reply include the original XML only as a courtesy that
     * the sender must not depend on, and forbids it when the payload is harmful, for example
     * too large. Leaving it out is the default because echoing a payload doubles the traffic
     * for nothing the sender lacks.
     *
     * @see #replyTo(Element, boolean)
     */
    public Optional<Element> replyTo(Element request) {
        return replyTo(request, false);
    }

    /**
     * Builds the error reply to {@code request}, or returns empty if
     * {@link #mayReplyWithError(Element)} is false for it.
     *
     * <p>The reply is a stanza of the same kind in the same namespace with {@code from} and
     * {@code to} swapped, the same {@code id}, {@code type='error'} and the {@code <error/>}
     * element last. A missing {@code from} or {@code to} stays missing, so the stream that
     * delivers the reply fills it in.
     *
     * @param includeOriginalPayload whether to copy the request's children before the
     *                               {@code <error/>} element; pass {@code false} for payloads
     *                               that are large or that failed validation
     * @throws IllegalArgumentException if {@code request} is not a message, presence or iq
     */
    public Optional<Element> replyTo(Element request, boolean includeOriginalPayload) {
        String kind = request.name();
        if (!kind.equals("message") && !kind.equals("presence") && !kind.equals("iq")) {
            throw new IllegalArgumentException("Element '" + kind + "' is not a stanza; an error reply needs a "
                    + "message, presence or iq");
        }
        if (!mayReplyWithError(request)) {
            return Optional.empty();
        }

        Element.Builder reply = Element.builder(request.namespace(), kind)
                .attribute("from", request.attribute("to"))
                .attribute("to", request.attribute("from"))
                .attribute("id", request.attribute("id"))
                .attribute("type", "error");
        if (includeOriginalPayload) {
            for (Node node : request.nodes()) {
                reply.node(node);
            }
        }
        reply.child(toElement(request.namespace()));
        return Optional.of(reply.build());
    }

    /**
     * Returns whether {@code stanza} may get an error reply. RFC 6120 forbids replying to an
     * error stanza with another error (section 8.3.1, to prevent loops) and replying to an IQ
     * response of type {@code result} (section 8.2.3).
     */
    public static boolean mayReplyWithError(Element stanza) {
        String type = stanza.attribute("type");
        if ("error".equals(type)) {
            return false;
        }
        return !(stanza.name().equals("iq") && "result".equals(type));
    }
}
