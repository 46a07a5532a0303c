package dev.tern.server.c2s;

/**
 * The states of a client stream, named after the steps of RFC 6120's stream negotiation. A
 * stream restart (after STARTTLS and after SASL success) returns to {@link #WAIT_FOR_STREAM},
 * and the session's flags decide which features the new stream offers.
 */
public enum C2sState {

    /** Waiting for the client's stream header, initially and after each restart. */
    WAIT_FOR_STREAM,

    /** TLS is mandatory and not yet negotiated: only {@code <starttls/>} is accepted (RFC 6120 section 5.3.1). */
    WAIT_FOR_STARTTLS,

    /** Features were sent; waiting for {@code <starttls/>} (when optional) or {@code <auth/>}. */
    WAIT_FOR_FEATURE_REQUEST,

    /** A challenge was sent; waiting for {@code <response/>} or {@code <abort/>} (RFC 6120 section 6.4.2). */
    WAIT_FOR_SASL_RESPONSE,

    /** A SASL failure waits out the login throttle's delay before it is sent; input is postponed meanwhile. */
    WAIT_FOR_SASL_FAILURE_DELAY,

    /** Authenticated on a restarted stream; waiting for the resource binding request (RFC 6120 section 7). */
    WAIT_FOR_BIND,

    /** A resource is bound: stanzas are routed both ways. */
    ESTABLISHED,

    /** The server closed its side of the stream and waits briefly for the client's {@code </stream:stream>}. */
    CLOSING
}
