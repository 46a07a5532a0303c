package dev.tern.xmpp.api;

import java.util.Locale;

/**
 * The defined conditions of stream errors (RFC 6120 section 4.9.3). A stream error is
 * unrecoverable: the entity that detects it sends {@code <stream:error/>} and closes the stream.
 */
public enum StreamErrorCondition {

    /** The entity sent XML that cannot be processed; the more specific XML conditions are preferred. */
    BAD_FORMAT,

    /** A namespace prefix is unsupported, or an element that needs a prefix has none. */
    BAD_NAMESPACE_PREFIX,

    /** A new stream for this entity conflicts with the existing one. */
    CONFLICT,

    /** The entity sent no traffic for longer than the local policy allows. */
    CONNECTION_TIMEOUT,

    /** The 'to' of the stream header names a domain that is no longer served here. */
    HOST_GONE,

    /** The 'to' of the stream header names a domain that is not served here. */
    HOST_UNKNOWN,

    /** A stanza between two servers lacks a valid 'to' or 'from'. */
    IMPROPER_ADDRESSING,

    /** A misconfiguration or other internal error prevents the server from serving the stream. */
    INTERNAL_SERVER_ERROR,

    /** A 'from' address does not match an authorized address. */
    INVALID_FROM,

    /** The stream namespace is not {@code http://etherx.jabber.org/streams} or the content namespace is not supported. */
    INVALID_NAMESPACE,

    /** The entity sent XML that fails validation against the schema of a known namespace. */
    INVALID_XML,

    /** The entity tried to send data before the stream was authenticated. */
    NOT_AUTHORIZED,

    /** The entity sent XML that violates the well-formedness rules of XML or of Namespaces in XML. */
    NOT_WELL_FORMED,

    /** The entity violated a local service policy, such as a stanza size limit. */
    POLICY_VIOLATION,

    /** The server cannot reach a remote entity needed for authentication or authorization. */
    REMOTE_CONNECTION_FAILED,

    /** The server closes the stream because security-critical features or credentials changed. */
    RESET,

    /** The server lacks the system resources to serve the stream. */
    RESOURCE_CONSTRAINT,

    /** The entity sent a comment, processing instruction, DTD subset or entity reference (RFC 6120 section 11.1). */
    RESTRICTED_XML,

    /** The server redirects the entity; the element carries the other host, with an optional port. */
    SEE_OTHER_HOST,

    /** The server is shutting down. */
    SYSTEM_SHUTDOWN,

    /** None of the other conditions; use only together with an application-specific condition. */
    UNDEFINED_CONDITION,

    /** The stream is not encoded in UTF-8. */
    UNSUPPORTED_ENCODING,

    /** A feature that the receiving entity requires is not supported by the initiating entity. */
    UNSUPPORTED_FEATURE,

    /** A first-level child of the stream is not supported. */
    UNSUPPORTED_STANZA_TYPE,

    /** The 'version' of the stream header is not supported. */
    UNSUPPORTED_VERSION;

    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** Returns the local name of the condition element, such as {@code not-well-formed}. */
    public String elementName() {
        return elementName;
    }

    /** Returns the condition with the given element name, or {@code null} if it is not a defined condition. */
    public static StreamErrorCondition fromElementName(String elementName) {
        for (StreamErrorCondition condition : values()) {
            if (condition.elementName.equals(elementName)) {
                return condition;
            }
        }
        return null;
    }

    /**
     * Returns the {@code <stream:error/>} element with this condition and, unless {@code text}
     * is {@code null}, a {@code <text xml:lang='en'/>} explaining it.
     */
    public Element toElement(String text) {
        return toElement(text, null);
    }

    /**
     * Returns the {@code <stream:error/>} element whose condition element contains
     * {@code conditionContent}, which {@link #SEE_OTHER_HOST} uses for the other host.
     */
    public Element toElement(String text, String conditionContent) {
        Element.Builder condition = Element.builder(Namespaces.STREAM_ERRORS, elementName);
        if (conditionContent != null) {
            condition.text(conditionContent);
        }
        Element.Builder error = Element.builder(Namespaces.STREAMS, "error").child(condition.build());
        if (text != null) {
            error.child(Element.builder(Namespaces.STREAM_ERRORS, "text")
                    .attribute(Namespaces.XML, "lang", StanzaError.TEXT_LANGUAGE)
                    .text(text)
                    .build());
        }
        return error.build();
    }
}
