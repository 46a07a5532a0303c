package dev.tern.server.auth.sasl;

/** The SASL failure conditions of RFC 6120 section 6.5, sent as children of {@code <failure/>}. */
public enum SaslCondition {

    ABORTED("aborted"),
    ACCOUNT_DISABLED("account-disabled"),
    CREDENTIALS_EXPIRED("credentials-expired"),
    ENCRYPTION_REQUIRED("encryption-required"),
    INCORRECT_ENCODING("incorrect-encoding"),
    INVALID_AUTHZID("invalid-authzid"),
    INVALID_MECHANISM("invalid-mechanism"),
    MALFORMED_REQUEST("malformed-request"),
    MECHANISM_TOO_WEAK("mechanism-too-weak"),
    NOT_AUTHORIZED("not-authorized"),
    TEMPORARY_AUTH_FAILURE("temporary-auth-failure");

    private final String elementName;

    SaslCondition(String elementName) {
        this.elementName = elementName;
    }

    /** Returns the local name of the condition element, such as {@code not-authorized}. */
    public String elementName() {
        return elementName;
    }
}
