package dev.tern.xmpp.api;

/**
 * XML namespace names used by the XMPP core (RFC 6120), instant messaging (RFC 6121) and
 * common extensions.
 */
public final class Namespaces {

    /** Content namespace of client-to-server streams. */
    public static final String CLIENT = "jabber:client";

    /** Content namespace of server-to-server streams. */
    public static final String SERVER = "jabber:server";

    /** Namespace of the stream element and its children, conventionally bound to the prefix {@code stream}. */
    public static final String STREAMS = "http://etherx.jabber.org/streams";

    /** Namespace of the defined conditions and text inside {@code <stream:error/>}. */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";

    /** Namespace of the defined conditions and text inside a stanza's {@code <error/>}. */
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    /** STARTTLS negotiation. */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";

    /** SASL negotiation. */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

    /** Resource binding. */
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

    /** Session establishment of RFC 3921, which RFC 6121 keeps only for old clients. */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";

    /** Server dialback (XEP-0220). */
    public static final String DIALBACK = "jabber:server:dialback";

    /** Roster management (RFC 6121). */
    public static final String ROSTER = "jabber:iq:roster";

    /** Stream management (XEP-0198). */
    public static final String STREAM_MANAGEMENT = "urn:xmpp:sm:3";

    /** Service discovery information (XEP-0030). */
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    /** Service discovery items (XEP-0030). */
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";

    /** XMPP ping (XEP-0199). */
    public static final String PING = "urn:xmpp:ping";

    /** Delayed delivery timestamps (XEP-0203). */
    public static final String DELAY = "urn:xmpp:delay";

    /** Namespace bound to the {@code xml} prefix by the Namespaces in XML recommendation, for example {@code xml:lang}. */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    /** Namespace of namespace declarations themselves ({@code xmlns} and {@code xmlns:p}). */
    public static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    private Namespaces() {
    }
}
