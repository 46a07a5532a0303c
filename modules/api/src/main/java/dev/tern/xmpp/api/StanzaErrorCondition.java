package dev.tern.xmpp.api;

import java.util.Locale;

/**
 * The defined conditions of stanza errors (RFC 6120 section 8.3.3), each with the error type
 * that the RFC says it SHOULD carry. Where the RFC allows two types, the default is the one its
 * example uses; {@code undefined-condition} allows any type and defaults to {@code cancel}.
 */
public enum StanzaErrorCondition {

    /** The stanza does not conform to the schema or cannot be processed. */
    BAD_REQUEST(StanzaErrorType.MODIFY),

    /** Access cannot be granted because a resource with the same name or address exists. */
    CONFLICT(StanzaErrorType.CANCEL),

    /** The recipient does not implement the requested feature; "cancel" or "modify". */
    FEATURE_NOT_IMPLEMENTED(StanzaErrorType.CANCEL),

    /** The requester lacks the permissions for the action. */
    FORBIDDEN(StanzaErrorType.AUTH),

    /** The recipient can no longer be contacted at this address; the element may carry the new address. */
    GONE(StanzaErrorType.CANCEL),

    /** A misconfiguration or other internal error prevents the server from processing the stanza. */
    INTERNAL_SERVER_ERROR(StanzaErrorType.CANCEL),

    /** The addressed JID or requested item cannot be found. */
    ITEM_NOT_FOUND(StanzaErrorType.CANCEL),

    /** An address in the stanza violates RFC 7622. */
    JID_MALFORMED(StanzaErrorType.MODIFY),

    /** The request does not meet criteria of the recipient or server. */
    NOT_ACCEPTABLE(StanzaErrorType.MODIFY),

    /** The recipient or server does not allow any entity to perform the action. */
    NOT_ALLOWED(StanzaErrorType.CANCEL),

    /** The sender must provide credentials, or provided improper ones. */
    NOT_AUTHORIZED(StanzaErrorType.AUTH),

    /** The entity violated a local service policy; "modify" or "wait" depending on the policy. */
    POLICY_VIOLATION(StanzaErrorType.MODIFY),

    /** The intended recipient is temporarily unavailable. */
    RECIPIENT_UNAVAILABLE(StanzaErrorType.WAIT),

    /** Requests are redirected to another entity, usually temporarily; the element may carry the address. */
    REDIRECT(StanzaErrorType.MODIFY),

    /** The requester must register first. */
    REGISTRATION_REQUIRED(StanzaErrorType.AUTH),

    /** A remote server in the recipient's address does not exist or cannot be resolved. */
    REMOTE_SERVER_NOT_FOUND(StanzaErrorType.CANCEL),

    /** A remote server was resolved but could not be reached in time. */
    REMOTE_SERVER_TIMEOUT(StanzaErrorType.WAIT),

    /** The server or recipient is busy or lacks the system resources for the request. */
    RESOURCE_CONSTRAINT(StanzaErrorType.WAIT),

    /** The server or recipient does not currently provide the requested service. */
    SERVICE_UNAVAILABLE(StanzaErrorType.CANCEL),

    /** The requester must hold a subscription first. */
    SUBSCRIPTION_REQUIRED(StanzaErrorType.AUTH),

    /** None of the other conditions; use only together with an application-specific condition. */
    UNDEFINED_CONDITION(StanzaErrorType.CANCEL),

    /** The request was understood but not expected at this time; "wait" or "modify". */
    UNEXPECTED_REQUEST(StanzaErrorType.WAIT);

    private final StanzaErrorType defaultType;
    private final String elementName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    StanzaErrorCondition(StanzaErrorType defaultType) {
        this.defaultType = defaultType;
    }

    /** Returns the error type the RFC associates with this condition. */
    public StanzaErrorType defaultType() {
        return defaultType;
    }

    /** Returns the local name of the condition element, such as {@code item-not-found}. */
    public String elementName() {
        return elementName;
    }

    /** Returns the condition with the given element name, or {@code null} if it is not a defined condition. */
    public static StanzaErrorCondition fromElementName(String elementName) {
        for (StanzaErrorCondition condition : values()) {
            if (condition.elementName.equals(elementName)) {
                return condition;
            }
        }
        return null;
    }
}
